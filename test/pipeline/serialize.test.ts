/**
 * spec.json's serializer (generator/ir/serialize.ts): stable JSON, and the copy
 * the generator daemon keeps in place of reading the file back, which must be
 * what parsing the file gives: the same keys in the same order and the same
 * values, JSON's own conversions included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec, serializeSpecWithCopy, stableStringify } from '../../generator/ir/serialize.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { repoRoot } from '../support/shared.js';

/** Every key of every object, in order, with the path to it: toEqual alone does not compare key order. */
function keyOrder(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => keyOrder(v, `${path}/${i}`));
  return Object.keys(value).flatMap((k) => [`${path}/${k}`, ...keyOrder((value as Record<string, unknown>)[k], `${path}/${k}`)]);
}

function expectReadsBack(spec: NormalizedSpec) {
  const { text, copy } = serializeSpecWithCopy(spec);
  const parsed = parseSpec(text);
  expect(copy).toBeDefined();
  expect(copy).toStrictEqual(parsed);
  expect(keyOrder(copy)).toEqual(keyOrder(parsed));
}

describe('spec.json serialization', () => {
  it.each(['openai', 'openai-admin'])('the copy of the %s spec is what its text parses to, key order included', (target) => {
    const spec = parseSpec(readFileSync(join(repoRoot, 'spec', target, 'spec.json'), 'utf8'));
    // Keys in another order than sorted, as the importer makes them.
    const shuffled = JSON.parse(JSON.stringify(spec), function (this: unknown, _k, v) {
      return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v;
    }) as NormalizedSpec;
    expectReadsBack(shuffled);
    expect(serializeSpecWithCopy(shuffled).text).toBe(readFileSync(join(repoRoot, 'spec', target, 'spec.json'), 'utf8'));
  });

  it('converts values as JSON does: -0, NaN, Infinity, undefined (dropped in objects, null in arrays)', () => {
    const spec = { irVersion: 1, target: 't', info: { sourceFile: 'x.yaml' }, types: { A: { z: -0, n: NaN, i: -Infinity, u: undefined, list: [undefined, -0, 1.5e-7] } } } as unknown as NormalizedSpec;
    const { text, copy } = serializeSpecWithCopy(spec);
    expect((copy as unknown as { types: unknown }).types).toStrictEqual({ A: { i: null, list: [null, 0, 1.5e-7], n: null, z: 0 } });
    expect(Object.is((copy as unknown as { types: { A: { z: number } } }).types.A.z, 0)).toBe(true);
    expect(text).toBe(stableStringify({ ...JSON.parse(text) }));
  });

  it('makes no copy, and still the right text, for keys no object can hold in sorted order or by assignment', () => {
    for (const odd of [{ '10': 'a', b: 1 }, JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as object]) {
      const spec = { irVersion: 1, target: 't', info: { sourceFile: 'x.yaml' }, types: { A: { example: odd } } } as unknown as NormalizedSpec;
      const { text, copy } = serializeSpecWithCopy(spec);
      expect(copy).toBeUndefined();
      expect(JSON.parse(text).types.A.example).toStrictEqual(odd);
    }
  });
});
