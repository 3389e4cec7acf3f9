/**
 * What loading looks for in the whole text (generator/load/text-facts.ts):
 * `$ref`s that may point outside the document, `properties` maps that may be
 * a `$ref`. After a one-entry edit in the daemon, they come from the last
 * document's facts and the entry's new text; a map ref added inside an entry
 * of the real OpenAI document is still found and inlined.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../generator/load/load.js';
import { noteSplicedFacts, textFactsOf } from '../../generator/load/text-facts.js';
import { markLongLived } from '../../generator/long-lived.js';
import { newestOpenaiSpec } from '../support/shared.js';

describe('text facts', () => {
  const plain = 'openapi: 3.1.0\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: "#/components/schemas/B"}\n';

  it('scans a whole text', () => {
    expect(textFactsOf({}, plain)).toEqual({ externalRefs: false, mapRefs: false });
    expect(textFactsOf({}, `${plain}    C: {$ref: "other.yaml#/C"}\n`).externalRefs).toBe(true);
    expect(textFactsOf({}, `${plain}    C:\n      properties: {$ref: "#/x"}\n`).mapRefs).toBe(true);
  });

  it.each([
    ['a plain entry', '    C:\n      type: string\n', { externalRefs: false, mapRefs: false }],
    ['an external ref', '    C:\n      $ref: "./c.yaml"\n', { externalRefs: true, mapRefs: false }],
    ['a properties map given as a ref', '    C:\n      properties:\n        $ref: "#/x"\n', { externalRefs: false, mapRefs: true }],
    ['an entry whose key is $ref (a cut properties map)', '        "$ref": "#/x"\n', { externalRefs: false, mapRefs: true }],
  ])('after an edit inside one entry: %s', (_, entry, expected) => {
    const previous = {};
    const next = {};
    textFactsOf(previous, plain);
    noteSplicedFacts(next, previous, plain, entry);
    expect(textFactsOf(next, 'never scanned')).toEqual(expected);
  });

  it('keeps what the last document had', () => {
    const previous = {};
    const next = {};
    textFactsOf(previous, `${plain}    C: {$ref: "other.yaml#/C"}\n`);
    noteSplicedFacts(next, previous, '', '    D:\n      type: string\n');
    expect(textFactsOf(next, '').externalRefs).toBe(true);
  });

  it('finds a map ref added inside one entry of the real document (daemon re-import)', async () => {
    markLongLived();
    const dir = mkdtempSync(join(tmpdir(), 'trigen-facts-'));
    const text = readFileSync(newestOpenaiSpec(), 'utf8');
    const edited = text.replace(
      /\n {4}Project:\n {6}type: object\n {6}description: [^\n]*\n {6}properties:\n/,
      (m) => `${m}        bench_map:\n          type: object\n          properties: {$ref: '#/components/schemas/ProjectUser/properties'}\n`,
    );
    expect(edited).not.toBe(text);
    const file = join(dir, 'openapi.yaml');
    writeFileSync(file, text);
    await loadDocument(file, dir);
    writeFileSync(file, edited);
    const loaded = await loadDocument(file, dir);
    const schemas = loaded.doc.components.schemas;
    expect(schemas.Project.properties.bench_map.properties).toEqual(schemas.ProjectUser.properties);
    expect(loaded.notes.some((n) => n.pointer.startsWith('/components/schemas/Project/properties/bench_map'))).toBe(true);
  });
});
