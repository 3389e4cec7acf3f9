/**
 * Emission ahead of `generate`, in the daemon only (generator/daemon/server.ts):
 * once an import has written spec/<target>/, the daemon emits that target in
 * memory while npm starts the `generate` that usually follows. `generate`
 * takes the result only when spec/<target>/ still holds the files it was
 * emitted from (see specFingerprint); otherwise it emits as always. Emission
 * is a pure function of those files (its memos are only a cache), so the files
 * are the same either way. Nothing is written to generated/ ahead, and this
 * thread's memos are saved only if `generate` takes the emission (a cold
 * emission's worker thread saves its own, as in any run: entries keyed by what
 * they read, never wrong for another spec).
 */
import { join, relative } from 'node:path';
import { filesUnder } from '../build/cache.js';
import { emitTarget, startEmitWorker, startWaitingEmitWorker, type EmittedTarget, type EmittingWorker } from '../commands/emit-threads.js';
import type { EmitterGroup } from '../emit/groups.js';
import { generatedRoot, specRoot } from '../paths.js';
import { fileIdentity } from '../long-lived.js';

interface Ahead {
  fingerprint: string;
  emitted: Promise<EmittedTarget | undefined>;
}

const ahead = new Map<string, Ahead>();

/**
 * Identity, size and modification time (ns) of every file under spec/<target>/
 * (spec.json, config, release state): what emission reads. Every writer of
 * those files replaces them whole (a rename), so any rewrite changes this.
 */
export function specFingerprint(target: string): string {
  const dir = join(specRoot, target);
  return filesUnder(dir)
    .map((full) => `${relative(dir, full)}:${fileIdentity(full) ?? 'gone'}`)
    .join('\n');
}

/**
 * The groups the emission ahead gives its early worker. Not the CLI's table: on a cold worker it took 380–410 ms of
 * the whole OpenAI document, against ~135 ms on this thread after the client (whose emission warms the code they
 * share), so the two threads finish sooner with the CLI here.
 */
const EARLY_GROUPS: EmitterGroup[] = ['mcp'];

/** Workers an import started on its spec.json text, by target, for the emission ahead that follows its reply. */
const early = new Map<string, EmittingWorker>();

/** Workers started as an import of their target began, loading while it runs (startEarlyWorker gives them their task). */
const loading = new Map<string, EmittingWorker>();

/**
 * As an import is about to write spec/<target>/spec.json (`specText`): give
 * the worker's share of the emission ahead that text now (to the worker
 * prepareEarlyWorker started, else a new one), when a worker pays (a cold
 * emission of a large spec), so that it runs while the import writes and
 * replies; emitAhead takes it. A worker nothing takes is stopped
 * (dropEarlyWorkers).
 */
export function startEarlyWorker(target: string, specText: string): void {
  early.get(target)?.running.stop();
  early.delete(target);
  const waiting = loading.get(target);
  loading.delete(target);
  const worker = startEmitWorker(target, join(generatedRoot, target), EARLY_GROUPS, specText, waiting);
  if (worker) early.set(target, worker);
}

/**
 * As an import of `target` begins: start the early worker's thread now, when
 * the emission will be cold, so that its start-up (loading the generator, some
 * 0.1 s) runs on the core the import leaves idle, not after the import.
 */
export function prepareEarlyWorker(target: string): void {
  if (loading.has(target)) return;
  const worker = startWaitingEmitWorker(target, join(generatedRoot, target), EARLY_GROUPS);
  if (worker) loading.set(target, worker);
}

/** Stop the early workers no emission ahead took (the import failed, or wrote nothing). */
export function dropEarlyWorkers(): void {
  for (const worker of [...early.values(), ...loading.values()]) worker.running.stop();
  early.clear();
  loading.clear();
}

/** Start emitting `target` from spec/<target>/ as it is now (a failure is left for `generate` to meet and report). */
export function emitAhead(target: string): void {
  const fingerprint = specFingerprint(target);
  const worker = early.get(target);
  early.delete(target);
  // Read again once done: a file changed meanwhile (by another process) voids the emission.
  const emitted = emitTarget(target, join(generatedRoot, target), worker).then(
    (result) => (specFingerprint(target) === fingerprint ? result : undefined),
    () => undefined,
  );
  ahead.set(target, { fingerprint, emitted });
}

/** The emission done ahead for `target` when spec/<target>/ is unchanged since; it is taken once. */
export async function takeAhead(target: string): Promise<EmittedTarget | undefined> {
  const entry = ahead.get(target);
  if (!entry) return undefined;
  ahead.delete(target);
  const emitted = await entry.emitted;
  return emitted && entry.fingerprint === specFingerprint(target) ? emitted : undefined;
}

/** Wait for every emission ahead to settle (before the daemon runs another command). */
export async function settleAhead(): Promise<void> {
  await Promise.all([...ahead.values()].map((entry) => entry.emitted));
}
