/**
 * spec.json's serializer (generator/ir/serialize.ts): stable JSON, and the copy
 * the generator daemon keeps in place of reading the file back, which must be
 * what parsing the file gives: the same keys in the same order and the same
 * values, JSON's own conversions included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec, serializeSpec, serializeSpecWithCopy, stableStringify } from '../../generator/ir/serialize.js';
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

  describe('reusing the copy the last import kept (the daemon)', () => {
    const text = readFileSync(join(repoRoot, 'spec', 'openai', 'spec.json'), 'utf8');
    const reversed = (value: unknown) =>
      JSON.parse(JSON.stringify(value), function (this: unknown, _k, v) {
        return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v;
      }) as NormalizedSpec;
    const previous = serializeSpecWithCopy(parseSpec(text)).copy!;

    it('writes the same text, and the same copy, as a fresh serialization; unchanged entries are the previous objects', () => {
      const spec = reversed(previous);
      const reused = serializeSpecWithCopy(spec, true, previous);
      expect(reused.text).toBe(text);
      expect(reused.copy).toStrictEqual(serializeSpecWithCopy(spec).copy);
      expect(keyOrder(reused.copy)).toEqual(keyOrder(parseSpec(text)));
      const types = (reused.copy as unknown as { types: Record<string, unknown> }).types;
      expect(types.Project).toBe((previous as unknown as { types: Record<string, unknown> }).types.Project);
      // Once more from that copy: still the same bytes.
      expect(serializeSpecWithCopy(reversed(reused.copy), true, reused.copy).text).toBe(text);
    });

    it('prints changed, added and removed entries as a fresh serialization does', () => {
      const spec = reversed(previous);
      const types = spec.types as Record<string, any>;
      types.Project.description = 'changed';
      types.Project.shape.properties.push({ name: 'added', shape: { kind: 'string' }, required: false });
      delete types.AdminApiKey;
      types.ZNew = { name: 'ZNew', shape: { kind: 'number', minimum: -0 }, pointer: '#/x', u: undefined };
      const moved = spec.operations.splice(3, 1)[0];
      spec.operations.push({ ...moved!, summary: 'moved and changed' });
      spec.info.title = 'Another title';
      const reused = serializeSpecWithCopy(spec, true, previous);
      const fresh = serializeSpecWithCopy(spec);
      expect(reused.text).toBe(fresh.text);
      expect(reused.copy).toStrictEqual(fresh.copy);
      expect(keyOrder(reused.copy)).toEqual(keyOrder(fresh.copy));
      const before = previous as unknown as { types: Record<string, unknown>; operations: Array<{ key: string }> };
      const after = reused.copy as unknown as { types: Record<string, unknown>; operations: Array<{ key: string }> };
      expect(after.types.Project).not.toBe(before.types.Project);
      // Operations are matched by key, so those after the moved one are still reused.
      expect(after.operations[5]).toBe(before.operations.find((o) => o.key === after.operations[5]!.key));
    });

    it('takes a value it wrote last time, met again inside a new entry, as written then without reading it again', () => {
      const spec = reversed(previous);
      const shape = (spec.types as Record<string, any>).Project.shape;
      let reads = 0;
      Object.defineProperty(shape, 'zCounted', { enumerable: true, get: () => (reads++, 'read') });
      const first = serializeSpecWithCopy(spec, true, previous);
      expect(first.text).toContain('"zCounted": "read"');
      const readsBefore = reads;
      // The next import: new entries (as the normalizer makes each run) around the same values.
      const next = { ...spec, types: Object.fromEntries(Object.entries(spec.types).map(([name, type]) => [name, { ...type }])) } as NormalizedSpec;
      const second = serializeSpecWithCopy(next, true, first.copy);
      expect(second.text).toBe(first.text);
      expect(reads).toBe(readsBefore);
      const types = (name: string, copy: unknown) => (copy as { types: Record<string, unknown> }).types[name];
      expect(types('Project', second.copy)).toBe(types('Project', first.copy));
      // A value that changed is a new object (replay.ts): it is compared, and written anew.
      (next.types as Record<string, any>).Project = { ...next.types.Project, shape: { ...shape, description: 'changed' } };
      const third = serializeSpecWithCopy(next, true, second.copy);
      expect(third.text).toBe(serializeSpec(next));
      expect(third.text).not.toBe(second.text);
    });

    it('takes entries only from copies it made: a spec read from a file may have its keys in another order', () => {
      const unsorted = reversed(previous);
      const reused = serializeSpecWithCopy(reversed(previous), true, unsorted);
      expect(reused.text).toBe(text);
      const types = (reused.copy as unknown as { types: Record<string, unknown> }).types;
      expect(types.Project).not.toBe((unsorted as unknown as { types: Record<string, unknown> }).types.Project);
    });

    it('leaves keys no sorted copy can hold to the full writer', () => {
      const spec = reversed(previous);
      (spec.types as Record<string, any>).Project.example = { '10': 'a', b: 1 };
      const reused = serializeSpecWithCopy(spec, true, previous);
      expect(reused.copy).toBeUndefined();
      expect(reused.text).toBe(serializeSpec(spec));
    });
  });
});
