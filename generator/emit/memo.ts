/**
 * Memoized emission units, for incremental `generate`. A unit is a pure piece
 * of an emitter (one client resource file, one MCP tool, one CLI command)
 * whose inputs are (a) a view: plain data handed to it and hashed whole, and
 * (b) the entries of the normalized spec it reads, recorded as it runs through
 * a tracking proxy (`types/<Name>` per named type, any other top-level field
 * whole). The next run reuses a unit's output when its view hashes the same
 * and every recorded spec entry still hashes the same: a pure function that
 * sees the same inputs returns the same output, so the bytes cannot differ
 * from a cold run. The view objects are guarded: reading a field that is not
 * part of the view throws, so a view can never silently miss an input.
 *
 * A unit that runs (a miss) has its record made later, when `next` is read:
 * hashing its view and the entries it read is a good part of a cold
 * emission's cost, and `generate` reads `next` off the critical path (the
 * worker after it has replied, this thread while the build waits on esbuild).
 * Only its deps (a sorted list) and its output are taken at once, so nothing
 * the unit's caller does afterwards can change the record; the view and the
 * spec are the emitters' inputs, which nothing writes.
 *
 * Off unless `generate` installs a memo (`withEmitMemo`): `check`, tests and
 * the bench's in-process rows emit cold. The records live in
 * node_modules/.cache/openapi-tri-gen/emit/ (see generator/build/emit-cache.ts).
 */
import * as crypto from 'node:crypto';
import type { NormalizedSpec } from '../ir/types.js';
import { isLongLived } from '../long-lived.js';

export interface UnitRecord {
  /** Spec entries read, with the hash each had. */
  deps: Array<[string, string]>;
  /** The output: text, or JSON text for object outputs. */
  out: string;
}

/** sha1 of `text`: one-shot `crypto.hash` where Node has it (far cheaper per call on small texts), else createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
export function hash(text: string): string {
  return oneShot ? oneShot('sha1', text, 'base64url') : crypto.createHash('sha1').update(text).digest('base64url');
}

const ABSENT = '\0absent';

/**
 * In the daemon, by frozen object: the hash of a spec entry and the JSON of a
 * view's object, across runs. The specs it emits are the copies imports keep,
 * frozen once idle, which share every unchanged named type and operation with
 * the last one (generator/ir/serialize-reuse.ts), so a one-field change hashes
 * and prints those few entries again, not all of them once per group's memo.
 * Only frozen objects: their JSON cannot change. Elsewhere, per memo and per
 * run as before: a process that emits once has nothing to share.
 */
const keptHashes = new WeakMap<object, string>();
const keptJson = new WeakMap<object, string>();

/** `compute()` for `value`, kept in `cache` when `value` is a frozen object and this is the daemon. */
function byFrozenObject(cache: WeakMap<object, string>, value: object, compute: () => string): string {
  if (!isLongLived() || !Object.isFrozen(value)) return compute();
  let kept = cache.get(value);
  if (kept === undefined) cache.set(value, (kept = compute()));
  return kept;
}

/** The hash of one spec entry's value. */
function valueHash(value: unknown): string {
  if (value === null || typeof value !== 'object') return hash(JSON.stringify(value) ?? 'undefined');
  return byFrozenObject(keptHashes, value, () => hash(JSON.stringify(value)));
}

/** A unit that ran, its record still to be made (see the top of this file). */
interface Pending {
  /** The unit's id when the lookup already hashed its view. */
  id: string | undefined;
  kind: string;
  view: unknown;
  spec: NormalizedSpec;
  deps: string[];
  out: string;
}

export class EmitMemo {
  private readonly records: Record<string, UnitRecord> = {};
  private pending: Pending[] = [];
  /** How many of `pending` have their record. */
  private settled = 0;
  /** False on a cold run: no unit can be reused, so none needs its id before the records are made. */
  private readonly lookup: boolean;
  hits = 0;
  misses = 0;
  /** Entry hashes of one spec, shared by the memos of one emission (see shareWith). */
  private hashes: { spec: NormalizedSpec | undefined; byEntry: Map<string, string> } = { spec: undefined, byEntry: new Map() };
  private spec: NormalizedSpec | undefined;
  private tracked: { proxy: NormalizedSpec; deps: Set<string> } | undefined;

  constructor(private readonly previous: Record<string, UnitRecord> = {}) {
    this.lookup = Object.keys(previous).length > 0;
  }

  /**
   * Share entry hashes and view JSON with `other`, a memo of another emitter
   * group in the same emission on this thread: the client's and the CLI's
   * units read the same named types and operations, which are then hashed and
   * printed once. (The spec is one object, which nothing writes meanwhile.)
   */
  shareWith(other: EmitMemo): void {
    this.hashes = other.hashes;
    this.jsonOf = other.jsonOf;
  }

  /** Records reused or made by this run; the next run's `previous`. */
  get next(): Record<string, UnitRecord> {
    this.settle(Infinity);
    return this.records;
  }

  /** Whether units that ran still await their records. */
  get unsettled(): boolean {
    return this.settled < this.pending.length;
  }

  /**
   * Make the records of units that ran, for about `budgetMs` (at least one),
   * so that a caller can spread the work over idle moments.
   */
  settle(budgetMs: number): void {
    const until = performance.now() + budgetMs;
    while (this.settled < this.pending.length) {
      const { id, kind, view, spec, deps, out } = this.pending[this.settled++]!;
      this.records[id ?? this.idOf(kind, view)] = { deps: deps.map((entry): [string, string] => [entry, this.entryHash(spec, entry)]), out };
      if (performance.now() >= until) break;
    }
    if (this.settled === this.pending.length) {
      this.pending = [];
      this.settled = 0;
    }
  }

  private idOf(kind: string, view: unknown): string {
    return hash(`${kind}\0${this.viewText(view)}`);
  }

  /** JSON of objects already serialized for an earlier unit's view (an operation is in a client, a CLI and an MCP view). */
  private jsonOf = new WeakMap<object, string>();

  /** A text that identifies `view`: its fields' JSON, each object serialized once per run. */
  private viewText(view: unknown): string {
    if (view === null || typeof view !== 'object' || Array.isArray(view)) return JSON.stringify(view) ?? 'undefined';
    let text = '';
    for (const [key, value] of Object.entries(view)) {
      let json: string | undefined;
      if (value !== null && typeof value === 'object') {
        json = this.jsonOf.get(value);
        if (json === undefined) this.jsonOf.set(value, (json = byFrozenObject(keptJson, value, () => JSON.stringify(value))));
      } else json = JSON.stringify(value) ?? 'undefined';
      text += `${JSON.stringify(key)}:${json},`;
    }
    return text;
  }

  /** The hash of one spec entry as it is in this run's spec. */
  private entryHash(spec: NormalizedSpec, entry: string): string {
    if (spec !== this.hashes.spec) {
      this.hashes.spec = spec;
      this.hashes.byEntry = new Map();
    }
    let h = this.hashes.byEntry.get(entry);
    if (h !== undefined) return h;
    const s = spec as unknown as Record<string, unknown>;
    if (entry === '#keys') h = hash(JSON.stringify(Object.keys(s)));
    else if (entry === '#types-keys') h = hash(JSON.stringify(Object.keys(spec.types)));
    else if (entry.startsWith('types/')) {
      const name = entry.slice(6);
      h = Object.hasOwn(spec.types, name) ? valueHash(spec.types[name]) : ABSENT;
    } else h = Object.hasOwn(s, entry) ? valueHash(s[entry]) : ABSENT;
    this.hashes.byEntry.set(entry, h);
    return h;
  }

  /** A proxy of `spec` that adds every entry read to the current unit's deps. */
  private track(spec: NormalizedSpec): { proxy: NormalizedSpec; deps: Set<string> } {
    if (this.spec !== spec) {
      this.spec = spec;
      this.tracked = undefined;
    }
    if (this.tracked) {
      this.tracked.deps.clear();
      return this.tracked;
    }
    const deps = new Set<string>();
    const types = new Proxy(spec.types, {
      get: (target, key, receiver) => {
        if (typeof key === 'string') deps.add(`types/${key}`);
        return Reflect.get(target, key, receiver);
      },
      has: (target, key) => {
        if (typeof key === 'string') deps.add(`types/${key}`);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        if (typeof key === 'string') deps.add(`types/${key}`);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys: (target) => {
        deps.add('#types-keys');
        return Reflect.ownKeys(target);
      },
      set: () => {
        throw new Error('an emitter wrote to the normalized spec');
      },
    });
    const proxy = new Proxy(spec, {
      get: (target, key, receiver) => {
        // Named types are tracked one by one (the spec always has `types`).
        if (key === 'types') return types;
        if (typeof key === 'string') deps.add(key);
        return Reflect.get(target, key, receiver);
      },
      has: (target, key) => {
        if (typeof key === 'string') deps.add(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        if (typeof key === 'string' && key !== 'types') deps.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys: (target) => {
        deps.add('#keys');
        return Reflect.ownKeys(target);
      },
      set: () => {
        throw new Error('an emitter wrote to the normalized spec');
      },
    });
    this.tracked = { proxy, deps };
    return this.tracked;
  }

  /**
   * The output of `compute(trackedSpec)` for `kind` and `view`, reused from the
   * last run when its inputs are unchanged. `codec` says how the output is
   * kept: as text, or as JSON (a reused object output comes back parsed; a
   * fresh one is returned as computed, exactly what `check` emits from).
   */
  unit<T>(spec: NormalizedSpec, kind: string, view: unknown, codec: 'text' | 'json', compute: (spec: NormalizedSpec) => T): T {
    let id: string | undefined;
    if (this.lookup) {
      id = this.idOf(kind, view);
      const before = this.previous[id];
      if (before && before.deps.every(([entry, h]) => this.entryHash(spec, entry) === h)) {
        this.hits++;
        this.records[id] = before;
        return (codec === 'json' ? JSON.parse(before.out) : before.out) as T;
      }
    }
    this.misses++;
    const { proxy, deps } = this.track(spec);
    const result = compute(proxy);
    const out = codec === 'json' ? JSON.stringify(result) : (result as unknown as string);
    this.pending.push({ id, kind, view, spec, deps: [...deps].sort(), out });
    // A miss returns the computed value itself, as an emission without a memo (`check`) does; its
    // JSON text is taken before the caller sees it, so the record cannot change after the fact.
    return result;
  }
}

/**
 * `value` with only `keys` readable: any other string key throws, so a unit
 * cannot read model data its view does not hash.
 */
export function guarded<T extends object>(value: T, what: string): T {
  return new Proxy(value, {
    get: (target, key, receiver) => {
      if (typeof key === 'string' && !Object.hasOwn(target, key) && key !== 'toJSON') {
        throw new Error(`emission unit read ${what}.${key}, which its memo view leaves out`);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

let active: EmitMemo | undefined;

/** Run `fn` with `memo` active for the emitters (generate's incremental path). */
export function withEmitMemo<T>(memo: EmitMemo | undefined, fn: () => T): T {
  const outer = active;
  active = memo;
  try {
    return fn();
  } finally {
    active = outer;
  }
}

/**
 * `compute(spec)` through the active memo, or directly when none is active.
 * Nested units are computed directly (the outer unit records their reads).
 */
export function memoUnit<T>(spec: NormalizedSpec, kind: string, view: unknown, codec: 'text' | 'json', compute: (spec: NormalizedSpec) => T): T {
  const memo = active;
  if (!memo) return compute(spec);
  active = undefined;
  try {
    return memo.unit(spec, kind, view, codec, compute);
  } finally {
    active = memo;
  }
}
