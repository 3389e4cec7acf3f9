/**
 * Steps of the normalizer replayed from the daemon's last import of the same
 * target, so that a re-import after a small edit converts only what the edit
 * touched. A step is one operation's raw facts, one operation, or one
 * component schema. Each records what it depends on and what it did:
 * - its inputs, compared by identity (the daemon's YAML splice keeps every
 *   unchanged object of the document, yaml-splice.ts) or as strings;
 * - every `$ref` it resolved, and the node it got;
 * - its effects on the run's shared state, in order: report entries, the
 *   component type names it asked for, the names it reserved for inline
 *   types, the components it queued, the types it registered.
 * A step whose inputs and refs are the same is not computed again: its effects
 * are replayed and its value reused. A replayed name that comes out other than
 * recorded (an earlier step that changed took it) means the run has diverged
 * from the last one; the normalizer then starts over without replaying.
 * Replayed values are shared with the last run's result: the normalizer
 * copies what it changes later (an operation's params and body), and the
 * values are frozen once the daemon is idle (keepSteps).
 */
import type { NamedType, ReportEntry, Shape } from '../ir/types.js';
import { afterReply, deepFreeze } from '../long-lived.js';

export type Effect =
  | { kind: 'report'; level: ReportEntry['level']; code: string; message: string; pointer: string }
  | { kind: 'name'; key: string; name: string }
  | { kind: 'reserve'; wanted: string; pointer: string; name: string }
  | { kind: 'queue'; ref: string }
  | { kind: 'type'; name: string; shape: Shape; description: string | undefined; pointer: string };

interface Step {
  inputs: readonly unknown[];
  refs: Array<[string, unknown]>;
  effects: Effect[];
  value: unknown;
}

/** The steps of one run, by key. */
export type Steps = Map<string, Step>;

/** What replaying an effect does in this run (the Reporter and ShapeBuilder of the run). */
export interface EffectTarget {
  apply(effect: Effect): void;
  /** The node `ref` resolves to now; throws when it no longer resolves. */
  resolve(ref: string): unknown;
}

/** Thrown while replaying when a name comes out other than recorded. */
export class Diverged extends Error {
  constructor(what: string) {
    super(`replay diverged: ${what}`);
  }
}

/** The step being computed, whose refs and effects the hooks record; undefined while replaying or outside steps. */
let recording: { refs: Map<string, unknown>; effects: Effect[] } | undefined;

/** Hook of RefResolver.resolve. */
export function noteRef(ref: string, node: unknown): void {
  recording?.refs.set(ref, node);
}

/** Hook of the Reporter and the ShapeBuilder. */
export function noteEffect(effect: Effect): void {
  recording?.effects.push(effect);
}

/** Run `fn` with recording paused (a call whose inner effects its own recorded effect stands for). */
export function unrecorded<T>(fn: () => T): T {
  const outer = recording;
  recording = undefined;
  try {
    return fn();
  } finally {
    recording = outer;
  }
}

/** The steps of one run, replayed from the last run's where they still hold. */
export class StepMemo {
  private readonly next: Steps = new Map();
  replayed = 0;
  computed = 0;

  constructor(
    private readonly last: Steps,
    private readonly target: EffectTarget,
  ) {}

  /** `compute()`, or the last run's value of step `key` with its effects replayed when `inputs` and its refs are the same. */
  step<T>(key: string, inputs: readonly unknown[], compute: () => T): T {
    const prev = this.last.get(key);
    if (prev && sameInputs(prev.inputs, inputs) && this.refsHold(prev.refs)) {
      for (const effect of prev.effects) this.target.apply(effect);
      this.next.set(key, prev);
      this.replayed++;
      return prev.value as T;
    }
    if (recording) throw new Error(`normalizer step ${key} started inside another step`);
    const record = { refs: new Map<string, unknown>(), effects: [] as Effect[] };
    recording = record;
    let value: T;
    try {
      value = compute();
    } finally {
      recording = undefined;
    }
    this.next.set(key, { inputs, refs: [...record.refs], effects: record.effects, value });
    this.computed++;
    return value;
  }

  /** The steps this run computed or replayed: the next run's `last`. */
  steps(): Steps {
    return this.next;
  }

  private refsHold(refs: Array<[string, unknown]>): boolean {
    for (const [ref, node] of refs) {
      try {
        if (this.target.resolve(ref) !== node) return false;
      } catch {
        return false;
      }
    }
    return true;
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The daemon's steps of the last run of each target and scope, with the config they were made under. */
const lastRuns = new Map<string, { config: string; steps: Steps }>();

/** The last run's steps of `runKey` when they were made under the same `config` text (else none). */
export function lastSteps(runKey: string, config: string): Steps {
  const last = lastRuns.get(runKey);
  return last && last.config === config ? last.steps : new Map();
}

const totals = { replayed: 0, computed: 0 };

/** Keep this run's steps for the next run of `runKey`. */
export function keepSteps(runKey: string, config: string, memo: StepMemo): void {
  const steps = memo.steps();
  lastRuns.set(runKey, { config, steps });
  // Shared with the next run's result, and written from the copy its spec.json was made from (serialize-reuse.ts):
  // frozen once idle, so that code changing one in place fails there instead of leaving a stale spec.json.
  afterReply(() => {
    for (const step of steps.values()) {
      deepFreeze(step.value);
      deepFreeze(step.effects);
    }
  });
  totals.replayed += memo.replayed;
  totals.computed += memo.computed;
}

/** How many steps the daemon's normalizer runs have replayed and computed so far (a command's share is a difference). */
export function replayTotals(): { replayed: number; computed: number } {
  return { ...totals };
}

/** The named type a `type` effect registers: a fresh object each run (computeUsage sets its usage). */
export function registeredType(effect: Extract<Effect, { kind: 'type' }>): NamedType {
  return { name: effect.name, shape: effect.shape, description: effect.description, usage: 'response', pointer: effect.pointer };
}
