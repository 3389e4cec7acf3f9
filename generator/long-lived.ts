/**
 * Whether this process is the generator daemon (generator/daemon/server.ts),
 * which runs many commands, rather than a process that runs one and exits.
 * Caches that a one-shot process must write before it exits can then stay in
 * memory, and be written once the daemon is idle, after the command's reply.
 */
import { statSync } from 'node:fs';
import { setImmediate as giveWay } from 'node:timers/promises';

let longLived = false;
const pending: Array<() => void> = [];
const quiet: Array<() => void> = [];

export function markLongLived(): void {
  longLived = true;
}

export function isLongLived(): boolean {
  return longLived;
}

/** Run `work` (keeping a cache that this process does not read back) now, or in the daemon once it is idle. */
export function afterReply(work: () => void): void {
  if (longLived) pending.push(work);
  else work();
}

/**
 * Run `work` (writing a cache to disk that only other processes read: the
 * daemon keeps its own copy in memory) now, or in the daemon once no command
 * has come for a while (see runWhenQuiet), so that it does not take a core
 * from the start-up of the command that most likely follows.
 */
export function whenQuiet(work: () => void): void {
  if (longLived) quiet.push(work);
  else work();
}

/**
 * The daemon, when idle (and before it stops): the work commands left for
 * then, in the order it was left. With `interrupted`, one item at a time
 * between turns of the event loop, stopping (the rest left for the next idle
 * time) as soon as it says a command came in; without, all of it now.
 */
export async function runAfterReply(interrupted?: () => boolean): Promise<void> {
  await drain(pending, interrupted);
}

/** As runAfterReply, for the work left by whenQuiet (the daemon runs it after a longer quiet time). */
export async function runWhenQuiet(interrupted?: () => boolean): Promise<void> {
  await drain(quiet, interrupted);
}

async function drain(queue: Array<() => void>, interrupted?: () => boolean): Promise<void> {
  while (queue.length > 0) {
    if (interrupted) {
      await giveWay();
      if (interrupted()) return;
    }
    const item = queue.shift()!;
    try {
      item();
    } catch {
      // Only caches are kept here: one that cannot be written makes a later command slower, never wrong.
    }
  }
}

/** Freeze `value` and everything in it (values the daemon keeps for later commands, which only read them); returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** What tells that a file a daemon cache was made from is still the one written: inode, size, modification time. */
export function fileIdentity(file: string): string | undefined {
  const s = statSync(file, { bigint: true, throwIfNoEntry: false });
  return s ? `${s.ino}:${s.size}:${s.mtimeNs}` : undefined;
}

/** Values derived from files, each with the identity its file had when it was read (see derivedFromFile). */
export type FileDerived<T> = Map<string, { identity: string; value: T }>;

/**
 * `derive()` of `file` (which reads it): in the daemon, the value it kept in
 * `cache` while the file keeps the identity it had then (inode, size,
 * modification time), so a command that rereads the same unchanged files
 * (a large API's generated tree, its tool table, the build's inputs) does not
 * read and process them again; elsewhere `derive()` as is. The identity is
 * taken before the read: a write in between leaves an identity that no longer
 * matches, so the next call reads again.
 */
export function derivedFromFile<T>(cache: FileDerived<T>, file: string, derive: () => T): T {
  if (!longLived) return derive();
  const identity = fileIdentity(file);
  const kept = cache.get(file);
  if (kept && identity !== undefined && kept.identity === identity) return kept.value;
  const value = derive();
  if (identity === undefined) cache.delete(file);
  else cache.set(file, { identity, value });
  return value;
}

/** What `cache` keeps for `file` while the file is still the one it was kept for, else undefined. */
export function keptFromFile<T>(cache: FileDerived<T>, file: string): T | undefined {
  const kept = cache.get(file);
  return kept && kept.identity === fileIdentity(file) ? kept.value : undefined;
}

/** Tell `cache` that `file` now holds what `value` was derived from (after writing it), in the daemon. */
export function rememberDerived<T>(cache: FileDerived<T>, file: string, value: T): void {
  if (!longLived) return;
  const identity = fileIdentity(file);
  if (identity === undefined) cache.delete(file);
  else cache.set(file, { identity, value });
}
