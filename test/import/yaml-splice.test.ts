/**
 * The daemon's one-entry re-parse (generator/load/yaml-splice.ts): after an
 * edit inside one entry of the last parsed text, the value it gives is
 * exactly what js-yaml gives for the whole new text (on the newest OpenAI
 * document, and on every YAML document in ../shared/specs with keys added in
 * entries across it); an edit that changes the cut (a new sibling, a line
 * moved left, a tab, an anchor), or spans two entries, is refused, so the
 * caller parses as before.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ChunkedParse } from '../../generator/load/yaml-chunks.js';
import { commonPrefix, commonSuffix, spliceParse, type LastParse } from '../../generator/load/yaml-splice.js';
import { newestOpenaiSpec, openaiSpecsDir, otherSpecsDir } from '../support/shared.js';

const load = (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA });

/** The state a full parse of `text` leaves for the next import. */
function lastParseOf(text: string): LastParse {
  const parse = new ChunkedParse();
  const value = parse.parse(text);
  expect(value).toBeDefined();
  expect(parse.entries).toBeDefined();
  return { key: 'k', text, value: value!, entries: parse.entries!, cache: parse.next };
}

describe('one-entry re-parse', () => {
  const text = readFileSync(newestOpenaiSpec(), 'utf8');
  const last = lastParseOf(text);

  it('finds common prefixes and suffixes across block boundaries', () => {
    const a = 'x'.repeat(70_000) + 'abc' + 'y'.repeat(40_000);
    const b = 'x'.repeat(70_000) + 'aXc' + 'y'.repeat(40_000);
    expect(commonPrefix(a, b)).toBe(70_001);
    expect(commonSuffix(a, b, a.length - 70_001)).toBe(40_001);
    expect(commonPrefix(a, a)).toBe(a.length);
  });

  it('every leaf of the cut sits where the parse says (its text parses alone to its value)', () => {
    expect(last.entries.length).toBeGreaterThan(1000);
    for (const entry of last.entries.filter((_, i) => i % 97 === 0)) {
      const alone = load(text.slice(entry.from, entry.to)) as Record<string, unknown>;
      let value: unknown = last.value;
      for (const key of entry.path) value = (value as Record<string, unknown>)[key];
      expect(alone).toEqual({ [entry.path[entry.path.length - 1]!]: value });
    }
  });

  // Edits at many places of the real document: a field added to a schema, a description rewritten, a key renamed.
  const schemaField = (t: string) => t.replace(/\n {4}Project:\n {6}type: object\n {6}description: [^\n]*\n {6}properties:\n/, (m) => `${m}        bench_note:\n          type: string\n          description: added\n`);
  const description = (t: string) => t.replace('Returns a list of assistants.', 'Returns every assistant (changed).');
  const keyRenamed = (t: string) => t.replace('\n    AddUploadPartRequest:\n', '\n    AddUploadPartRequest2:\n');
  const scalarEnd = (t: string) => t.replace(/(\n {2}\/assistants:\n[\s\S]*?operationId: listAssistants)/, '$1Changed');

  it.each([
    ['a new field in a schema', schemaField],
    ['a description', description],
    ['a component key renamed', keyRenamed],
    ['the end of a scalar', scalarEnd],
  ])('%s: the value js-yaml gives for the whole new text, one entry parsed', (_, edit) => {
    const changed = edit(text);
    expect(changed).not.toBe(text);
    const spliced = spliceParse(last, changed);
    expect(spliced).toBeDefined();
    expect(spliced!.parsedId).toBeDefined();
    expect(spliced!.value).toEqual(load(changed));
    // Key order too: emission order follows the document's.
    expect(JSON.stringify(spliced!.value)).toBe(JSON.stringify(load(changed)));
    // And the next edit, from that state, still lines up (offsets shifted past the change).
    const next = { ...last, text: changed, value: spliced!.value, entries: spliced!.entries, cache: spliced!.cache };
    const again = changed.replace('Create an assistant with a model and instructions.', 'Create an assistant (again).');
    const second = spliceParse(next, again);
    expect(second?.value).toEqual(load(again));
    // The cache has the new entry under the id of its text, as a full parse of the new text would.
    const full = new ChunkedParse();
    full.parse(changed);
    expect(Object.keys(full.next).filter((id) => !Object.hasOwn(spliced!.cache, id))).toEqual([]);
  });

  it('gives the last value back for the same text', () => {
    expect(spliceParse(last, text)?.value).toBe(last.value);
  });

  it.each([
    ['a new sibling key', (t: string) => t.replace('\n    AddUploadPartRequest:\n', '\n    NewSchema:\n      type: string\n    AddUploadPartRequest:\n')],
    ['a line moved left of its entry', (t: string) => t.replace(/(\n {4}Project:\n {6}type: object\n)/, '$1  stray: 1\n')],
    ['a tab in an indentation', (t: string) => t.replace(/(\n {4}Project:\n {6}type: object\n)/, '$1\t      x: 1\n')],
    ['an anchor', (t: string) => t.replace(/(\n {4}Project:\n {6}type: object)/, '$1\n      x: &a 1')],
    ['an alias to an anchor elsewhere', (t: string) => t.replace(/(\n {4}Project:\n {6}type: object)/, '$1\n      x: *a')],
    ['two entries at once', (t: string) => description(schemaField(t))],
    ['a first line indented differently', (t: string) => t.replace('\n    AddUploadPartRequest:\n', '\n     AddUploadPartRequest:\n')],
  ])('refuses %s', (_, edit) => {
    const changed = edit(text);
    expect(changed).not.toBe(text);
    expect(spliceParse(last, changed)).toBeUndefined();
  });

  it('refuses a renamed key that a sibling already has', () => {
    const changed = text.replace('\n    AddUploadPartRequest:\n', '\n    AdminApiKey:\n');
    expect(changed).not.toBe(text);
    expect(spliceParse(last, changed)).toBeUndefined();
  });

  // Every YAML document in ../shared/specs: a key added at the top of entries spread over the document (those whose
  // value is a block mapping), one at a time from the same last parse, gives what js-yaml gives for the new text.
  const docs = [openaiSpecsDir, otherSpecsDir].flatMap((dir) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)));
  it.each(docs)('%s: a key added inside entries across the document', (file) => {
    const source = readFileSync(file, 'utf8');
    const parse = new ChunkedParse();
    const value = parse.parse(source);
    if (!value || !parse.entries) return;
    const base: LastParse = { key: 'k', text: source, value, entries: parse.entries, cache: parse.next };
    const step = Math.max(1, Math.floor(base.entries.length / 6));
    let tried = 0;
    for (let i = 0; i < base.entries.length; i += step) {
      const entry = base.entries[i]!;
      const text = source.slice(entry.from, entry.to);
      const lines = text.split('\n');
      const second = lines[1];
      if (!/:\s*$/.test(lines[0]!) || second === undefined) continue;
      const indent = second.length - second.trimStart().length;
      if (indent <= entry.indent || second.trimStart().startsWith('-') || second.trimStart().startsWith('#')) continue;
      const at = entry.from + lines[0]!.length + 1;
      const changed = `${source.slice(0, at)}${' '.repeat(indent)}x-splice-test: ${i}\n${source.slice(at)}`;
      const spliced = spliceParse(base, changed);
      expect(spliced, `${file} at ${entry.path.join('/')}`).toBeDefined();
      expect(JSON.stringify(spliced!.value)).toBe(JSON.stringify(load(changed)));
      tried++;
    }
    expect(tried).toBeGreaterThan(0);
  }, 60_000);
});
