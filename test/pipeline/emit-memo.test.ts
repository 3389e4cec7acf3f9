/**
 * The emission memo (generator/emit/memo.ts): a unit is reused only while its
 * view and every spec entry it read are unchanged, and a unit cannot read
 * model data its view leaves out.
 */
import { describe, expect, it } from 'vitest';
import { EmitMemo, guarded, memoUnit, withEmitMemo } from '../../generator/emit/memo.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';

function spec(): NormalizedSpec {
  return {
    target: 't',
    info: { title: 'T' },
    types: { A: { name: 'A', note: 'a' }, B: { name: 'B', note: 'b' } },
    operations: [],
  } as unknown as NormalizedSpec;
}

/** A unit reading type A (and the target), through the memo. */
function run(memo: EmitMemo, s: NormalizedSpec, view: unknown = { v: 1 }): string {
  let calls = 0;
  const out = withEmitMemo(memo, () =>
    memoUnit(s, 'test', view, 'text', (tracked) => {
      calls++;
      return `${tracked.target}:${(tracked.types.A as unknown as { note: string }).note}`;
    }),
  );
  return `${out}/${calls}`;
}

describe('emission memo', () => {
  it('reuses a unit when nothing it read changed, even if other entries did', () => {
    const first = new EmitMemo();
    expect(run(first, spec())).toBe('t:a/1');
    const changedB = spec();
    (changedB.types.B as unknown as { note: string }).note = 'changed';
    const second = new EmitMemo(first.next);
    expect(run(second, changedB)).toBe('t:a/0');
    expect([second.hits, second.misses]).toEqual([1, 0]);
  });

  it('computes again when a read type, a read field or the view changed', () => {
    const first = new EmitMemo();
    run(first, spec());
    const changedA = spec();
    (changedA.types.A as unknown as { note: string }).note = 'new';
    expect(run(new EmitMemo(first.next), changedA)).toBe('t:new/1');
    const renamed = { ...spec(), target: 'u' } as NormalizedSpec;
    expect(run(new EmitMemo(first.next), renamed)).toBe('u:a/1');
    expect(run(new EmitMemo(first.next), spec(), { v: 2 })).toBe('t:a/1');
  });

  it('makes the records of units that ran when asked, in slices or at once, alike', () => {
    const units = (memo: EmitMemo) => {
      for (const v of [1, 2, 3]) run(memo, spec(), { v });
      const other = spec();
      (other.types.A as unknown as { note: string }).note = 'other';
      run(memo, other, { v: 4 });
    };
    const atOnce = new EmitMemo();
    units(atOnce);
    const sliced = new EmitMemo();
    units(sliced);
    expect(sliced.unsettled).toBe(true);
    let slices = 0;
    for (; sliced.unsettled; slices++) sliced.settle(0);
    expect(slices).toBe(4);
    expect(sliced.next).toEqual(atOnce.next);
    expect(Object.keys(atOnce.next)).toHaveLength(4);
    // Each record holds the hashes of the spec its unit read: the fourth one's differ.
    const second = new EmitMemo(sliced.next);
    expect(run(second, spec(), { v: 1 })).toBe('t:a/0');
    expect(run(second, spec(), { v: 4 })).toBe('t:a/1');
  });

  it('computes directly without an active memo', () => {
    expect(memoUnit(spec(), 'test', {}, 'json', () => ({ x: [1] }))).toEqual({ x: [1] });
  });

  it('returns what compute returned on a miss (as without a memo) and the same data when reused', () => {
    const first = new EmitMemo();
    const computed = { a: 1, b: undefined, c: [2] };
    const fresh = withEmitMemo(first, () => memoUnit(spec(), 'j', {}, 'json', () => computed));
    expect(fresh).toBe(computed);
    // The record is taken before the caller sees the value: a later change to it is not kept.
    fresh.c.push(3);
    const reused = withEmitMemo(new EmitMemo(first.next), () => memoUnit(spec(), 'j', {}, 'json', () => ({ a: 9, b: undefined, c: [0] })));
    expect(reused).toEqual({ a: 1, c: [2] });
    expect(Object.keys(reused)).toEqual(['a', 'c']);
  });

  it('throws when a unit reads a model field its view leaves out', () => {
    const view = guarded({ file: 'x.ts' } as { file: string; parent?: unknown }, 'resource');
    expect(view.file).toBe('x.ts');
    expect(() => view.parent).toThrow(/resource\.parent/);
  });

  it('refuses writes to the spec inside a unit', () => {
    const memo = new EmitMemo();
    expect(() =>
      withEmitMemo(memo, () =>
        memoUnit(spec(), 'w', {}, 'text', (tracked) => {
          (tracked as unknown as { target: string }).target = 'x';
          return '';
        }),
      ),
    ).toThrow(/wrote to the normalized spec/);
  });

  it('makes the same records when it shares entry hashes with another group’s memo of the same emission', () => {
    const shared = spec();
    const alone = new EmitMemo();
    run(alone, shared, { v: 1 });
    const client = new EmitMemo();
    const cli = new EmitMemo();
    cli.shareWith(client);
    run(client, shared, { v: 0 });
    run(cli, shared, { v: 1 });
    expect(cli.next).toEqual(alone.next);
    // A later emission of a changed spec (another object) hashes afresh.
    const changed = spec();
    (changed.types.A as unknown as { note: string }).note = 'changed';
    expect(run(new EmitMemo(cli.next), changed, { v: 1 })).toBe('t:changed/1');
  });
});
