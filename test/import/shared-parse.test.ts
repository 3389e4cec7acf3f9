/**
 * What the daemon's re-imports share with the last parse: a JSON document's
 * unchanged values are the last parse's objects (generator/load/share-last.ts),
 * as a YAML document's unchanged entries are (yaml-splice.ts), and nothing an
 * import does rewrites a shared value (a map ref is inlined in a copy), so a
 * re-import reads what a fresh parse reads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shared } from '../../generator/load/share-last.js';
import { loadDocument } from '../../generator/load/load.js';
import { markLongLived, runAfterReply } from '../../generator/long-lived.js';
import { newestOpenaiSpecJson } from '../support/shared.js';

describe('sharing a JSON parse with the last one', () => {
  it('keeps every equal value as the last one, and makes new whatever holds a change', () => {
    const before = { a: { x: [1, { y: 2 }] }, b: { z: 'same' }, c: [1, 2] };
    const next = { a: { x: [1, { y: 3 }] }, b: { z: 'same' }, c: [1, 2] };
    const result = shared(next, before) as typeof next;
    expect(result).toEqual({ a: { x: [1, { y: 3 }] }, b: { z: 'same' }, c: [1, 2] });
    expect(result).not.toBe(before);
    expect(result.b).toBe(before.b);
    expect(result.c).toBe(before.c);
    expect(result.a).not.toBe(before.a);
    expect(shared(structuredClone(before), before)).toBe(before);
  });

  it.each([
    ['keys in another order', { b: 1, a: 2 }, { a: 2, b: 1 }],
    ['a key removed', { a: 1 }, { a: 1, b: 2 }],
    ['a key added', { a: 1, b: 2 }, { a: 1 }],
    ['-0 for 0', { a: -0 }, { a: 0 }],
    ['an item added', [1, 2, 3], [1, 2]],
    ['an item removed', [1], [1, 2]],
    ['an array for an object', { a: [] }, { a: {} }],
  ])('takes the new value for %s', (_, next, before) => {
    const copy = structuredClone(next);
    const result = shared(next, before);
    expect(result).not.toBe(before);
    expect(Object.keys(result as object)).toEqual(Object.keys(copy));
    expect(result).toStrictEqual(copy);
  });

  it('leaves an own `__proto__` key as parsed', () => {
    const text = '{"__proto__": {"polluted": true}, "a": {"b": 1}}';
    const before = JSON.parse(text);
    const result = shared(JSON.parse(text), before) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(result.a).toBe(before.a);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('re-imports in the daemon', () => {
  markLongLived();

  it("share a JSON document's unchanged values with the last import, and read what a fresh parse reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trigen-share-json-'));
    const text = readFileSync(newestOpenaiSpecJson(), 'utf8');
    const at = text.indexOf('"properties": {', text.indexOf('\n      "Project": {')) + '"properties": {'.length;
    const edited = `${text.slice(0, at)}\n          "bench_note": {"type": "string"},${text.slice(at)}`;
    const file = join(dir, 'openapi.json');
    writeFileSync(file, text);
    const first = await loadDocument(file, dir);
    await runAfterReply();
    writeFileSync(file, edited);
    const second = await loadDocument(file, dir);
    await runAfterReply();
    expect(second.doc).toEqual(JSON.parse(edited));
    const schemas = (loaded: typeof first) => loaded.doc.components.schemas;
    expect(schemas(second).Project).not.toBe(schemas(first).Project);
    expect(schemas(second).Project.properties.bench_note).toEqual({ type: 'string' });
    expect(schemas(second).ProjectUser).toBe(schemas(first).ProjectUser);
    expect(second.doc.paths).toBe(first.doc.paths);
    // Kept for the next import, so frozen once idle.
    expect(Object.isFrozen(schemas(second).Project)).toBe(true);
  });

  const padding = Array.from({ length: 300 }, (_, i) => `    Pad${i}:\n      type: object\n      description: Padding schema number ${i} of this document, long enough to be cut.\n      properties:\n        id: {type: string}\n`).join('');
  const yaml = (version: string) =>
    `openapi: ${version}\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties: {$ref: '#/components/schemas/B/properties'}\n    B:\n      type: object\n      properties:\n        x: {type: string}\n${padding}`;
  const json = (version: string) =>
    JSON.stringify({ openapi: version, info: { title: 'T', version: '1' }, paths: {}, components: { schemas: { A: { type: 'object', properties: { $ref: '#/components/schemas/B/properties' } }, B: { type: 'object', properties: { x: { type: 'string' } } } } } }, null, 2);

  it.each([
    ['YAML', '3.1.0', yaml],
    ['YAML', '3.2.0', yaml],
    ['JSON', '3.1.0', json],
    ['JSON', '3.2.0', json],
  ])('inline a map ref of a %s %s document in a copy, so that the next import inlines it again', async (kind, version, make) => {
    const dir = mkdtempSync(join(tmpdir(), 'trigen-map-ref-'));
    const file = join(dir, `openapi.${kind.toLowerCase()}`);
    writeFileSync(file, make(version));
    const first = await loadDocument(file, dir);
    await runAfterReply();
    const second = await loadDocument(file, dir);
    expect(second.notes).toEqual(first.notes);
    expect(second.notes.map((n) => n.code)).toContain('map-ref-inlined');
    expect(second.doc).toEqual(first.doc);
    expect(second.doc.components.schemas.A.properties).toEqual({ x: { type: 'string' } });
  });
});
