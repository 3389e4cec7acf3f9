/**
 * The incremental YAML parse (generator/load/yaml-chunks.ts) gives exactly
 * what js-yaml gives for the whole text, on every YAML document in
 * ../shared/specs, with an empty cache and with the cache of the same text;
 * a document with an alias across entries falls back to the whole parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ChunkedParse } from '../../generator/load/yaml-chunks.js';
import { openaiSpecsDir, otherSpecsDir } from '../support/shared.js';

const docs = [openaiSpecsDir, otherSpecsDir].flatMap((dir) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)));

describe('incremental YAML parse', () => {
  it.each(docs)('%s: same value as yaml.load, cold and from the cache', (file) => {
    const text = readFileSync(file, 'utf8');
    const whole = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    const cold = new ChunkedParse();
    const first = cold.parse(text);
    if (first === undefined) return; // cut refused: the caller parses the whole text
    expect(first).toEqual(whole);
    const warm = new ChunkedParse(JSON.parse(JSON.stringify(cold.next)));
    expect(warm.parse(text)).toEqual(whole);
    expect(warm.parsed).toBe(0);
  }, 60_000);

  it.each(docs)('%s: recording a whole parse afterwards (the daemon\'s first import) caches what a one-pass parse caches', (file) => {
    const text = readFileSync(file, 'utf8');
    const cold = new ChunkedParse();
    if (cold.parse(text) === undefined || !cold.wholePass) return;
    const later = new ChunkedParse();
    later.recordWhole(text, yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>);
    expect(later.next).toEqual(cold.next);
    expect(later.entries).toEqual(cold.entries);
  }, 60_000);

  it('parses only the changed entry again', () => {
    const base = ['openapi: 3.1.0', 'paths:', ...Array.from({ length: 400 }, (_, i) => `  /p${i}:\n    get:\n      description: ${'x'.repeat(60)} ${i}`)].join('\n');
    const cold = new ChunkedParse();
    cold.parse(base);
    const changed = base.replace('x 7\n', 'x 7 changed\n');
    const warm = new ChunkedParse(cold.next);
    const value = warm.parse(changed) as { paths: Record<string, { get: { description: string } }> };
    expect(value).toEqual(yaml.load(changed, { schema: yaml.CORE_SCHEMA }));
    expect(value.paths['/p7']!.get.description.endsWith('7 changed')).toBe(true);
    expect(warm.parsed).toBe(1);
    // The first parse is one pass over the whole text (cache built from its value); the re-parse goes entry by entry.
    expect(cold.wholePass).toBe(true);
    expect(warm.wholePass).toBe(false);
  });

  it('caches a one-pass parse by the key each entry starts with (integer keys come first in JS objects), quoted or plain', () => {
    const entries = Array.from({ length: 300 }, (_, i) => `  ${i % 3 === 0 ? `'${1000 - i}'` : i % 3 === 1 ? `${1000 - i}` : `k${i}`}:\n    d: ${'y'.repeat(60)} ${i}`);
    const text = ['info: x', 'codes:', ...entries, 'true: 1', '~: 2'].join('\n');
    const whole = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    const cold = new ChunkedParse();
    expect(cold.parse(text)).toEqual(whole);
    expect(cold.wholePass).toBe(true);
    const warm = new ChunkedParse(JSON.parse(JSON.stringify(cold.next)));
    expect(warm.parse(text)).toEqual(whole);
    expect(warm.wholePass).toBe(false);
    expect(warm.parsed).toBe(0);
  });

  it('refuses an alias to an anchor in another entry, and duplicate keys', () => {
    const big = 'x'.repeat(20_000);
    expect(new ChunkedParse().parse(`a:\n  one: &v\n    k: ${big}\n  two: *v\n`)).toBeUndefined();
    expect(new ChunkedParse().parse(`a: 1\nb: 2\na: 3\n`)).toBeUndefined();
  });
});
