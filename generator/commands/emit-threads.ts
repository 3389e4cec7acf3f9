/**
 * Emission of one target for `generate`, on two threads when that pays: a
 * worker thread emits the MCP server's tool table while this one emits the
 * client and the CLI's command table (generator/emit/groups.ts; the daemon's
 * emission ahead gives its worker the CLI too). Each group is a pure function
 * of spec/<target>/spec.json with its own emit memo, so the files are the same
 * bytes either way.
 *
 * The worker runs when its groups have no memo from this emitter code (a cold
 * emission: the first generate of a folder, or after an upgrade) and the spec
 * is not small: a warm run re-emits a few units, less than a worker costs to
 * start (~50 ms of loading the spec and the code again). One core,
 * `TRIGEN_THREADS=1`, or the generator run from its TypeScript sources (no
 * worker bundle) emit on this thread; `TRIGEN_THREADS=2` forces the worker.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as giveWay } from 'node:timers/promises';
import { compileWhileWaiting, isCompiledSource } from '../build/client-compile.js';
import { hasEmitMemo, loadEmitMemo, saveEmitMemo } from '../build/emit-cache.js';
import { GeneratorError } from '../errors.js';
import { isLongLived } from '../long-lived.js';
import { emitGroup, GROUP_NAMES, mergeEmitted, type EmitterGroup } from '../emit/groups.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { loadSpec, specPath } from '../ir/serialize.js';
import type { WorkerReply, WorkerTask } from './emit-worker.js';
import { forcedThreads, startWorker, workerEntry, type RunningWorker } from './workers.js';

export interface EmittedTarget {
  files: Map<string, string>;
  /** Threads that emitted (1 or 2). */
  threads: number;
  /**
   * Keep this thread's memos for the next run, and wait for the worker to have
   * kept its own. Their records are made in short slices between other work
   * (generate runs this beside the build, which mostly waits on esbuild); the
   * daemon keeps them in memory and makes them once idle (emit-cache.ts).
   */
  saveMemos(): Promise<void>;
}

/** The groups a worker emits in a cold `generate`; this thread emits the rest. */
const WORKER_GROUPS: EmitterGroup[] = ['mcp'];

/** How long one slice of making memo records may hold this thread (ms). */
const MEMO_SLICE_MS = 4;

/** Below this spec.json size a cold emission is too short for a second thread to win back its start. */
const WORKER_MIN_SPEC_BYTES = 256 * 1024;

/** True when some of `groups` has no memo from this emitter code for `outDir`: a cold emission. */
function cold(outDir: string, groups: EmitterGroup[]): boolean {
  return groups.some((group) => !hasEmitMemo(outDir, group));
}

/** The worker bundle when a worker pays for emitting `groups` of a spec of `specBytes` (see the top of this file). */
function workerFor(outDir: string, groups: EmitterGroup[], specBytes: () => number): string | undefined {
  const file = workerEntry('emit-worker');
  if (!file || forcedThreads() === 2) return file;
  return cold(outDir, groups) && specBytes() >= WORKER_MIN_SPEC_BYTES ? file : undefined;
}

/** Emitter groups running on a worker thread, and its reply (their files). */
export interface EmittingWorker {
  groups: EmitterGroup[];
  running: RunningWorker<Array<[string, string]>>;
}

/** A worker for `groups` of `target` (its task now, or later through `post`). */
function emitOnWorker(file: string, target: string, groups: EmitterGroup[], task: WorkerTask | undefined): EmittingWorker {
  const what = `emitting ${groups.join(' and ')} for ${target}`;
  const worker = startWorker<WorkerReply>(file, task, what);
  const done = worker.done.then((reply) => {
    if (reply.ok) return reply.files;
    if (reply.generatorError) {
      const { message, location, hint } = reply.generatorError;
      throw new GeneratorError(message, location, hint);
    }
    throw new Error(`${what} failed in a worker thread:\n${reply.stack}`);
  });
  done.catch(() => undefined);
  return { groups, running: { ...worker, done } };
}

/**
 * In the daemon, as an import serializes spec/<target>/spec.json: a worker
 * that emits `groups` from that text while the import writes and replies and
 * npm starts `generate` (generator/daemon/ahead.ts hands it to emitTarget);
 * `waiting`, a worker started earlier without a task, gets the task instead.
 * Undefined (and `waiting` stopped) when a worker would not pay.
 */
export function startEmitWorker(target: string, outDir: string, groups: EmitterGroup[], specText: string, waiting?: EmittingWorker): EmittingWorker | undefined {
  const file = workerFor(outDir, groups, () => Buffer.byteLength(specText));
  if (!file) {
    waiting?.running.stop();
    return undefined;
  }
  if (!waiting) return emitOnWorker(file, target, groups, { target, outDir, groups, specText });
  waiting.running.post({ target, outDir, groups: waiting.groups, specText } satisfies WorkerTask);
  return waiting;
}

/**
 * In the daemon, as an import of `target` begins: a worker for `groups` that
 * loads the generator now, on the core the import leaves idle, and waits for
 * its task (startEmitWorker posts it once the spec is known). Undefined when
 * the emission will not be cold, so no worker can pay.
 */
export function startWaitingEmitWorker(target: string, outDir: string, groups: EmitterGroup[]): EmittingWorker | undefined {
  const file = workerEntry('emit-worker');
  if (!file || (forcedThreads() !== 2 && !cold(outDir, groups))) return undefined;
  return emitOnWorker(file, target, groups, undefined);
}

/**
 * The worker's reply, once it comes; meanwhile this thread compiles the
 * client sources it emitted (`clientFiles`, relative to `outDir`) for the
 * build that follows (client-compile.ts), rather than idle.
 */
async function whileWaiting<T>(reply: Promise<T>, outDir: string, clientFiles: Array<[string, string]> | undefined): Promise<T> {
  if (!clientFiles) return reply;
  let replied = false;
  const settled = reply.finally(() => (replied = true));
  settled.catch(() => undefined);
  const sources = clientFiles.filter(([path]) => path.startsWith('client/src/') && isCompiledSource(path)).map(([path, text]): [string, string] => [join(outDir, path), text]);
  await compileWhileWaiting(sources, () => replied).catch(() => undefined);
  return settled;
}

/**
 * Every generated file of `target` (relative to `outDir`, its generated
 * folder), through the emit memos; `started` is a worker already emitting
 * some groups (the daemon's), else a cold emission of a large spec starts one
 * for the MCP table.
 */
export async function emitTarget(target: string, outDir: string, started?: EmittingWorker): Promise<EmittedTarget> {
  let worker = started;
  if (!worker) {
    const file = workerFor(outDir, WORKER_GROUPS, () => statSync(specPath(target), { throwIfNoEntry: false })?.size ?? 0);
    if (file) worker = emitOnWorker(file, target, WORKER_GROUPS, { target, outDir, groups: WORKER_GROUPS });
  }
  try {
    const spec = loadSpec(target);
    const local = new Map<EmitterGroup, { memo: EmitMemo; files: Array<[string, string]> }>();
    let first: EmitMemo | undefined;
    for (const group of GROUP_NAMES) {
      if (worker?.groups.includes(group)) continue;
      const memo = loadEmitMemo(outDir, group);
      if (first) memo.shareWith(first);
      first ??= memo;
      local.set(group, { memo, files: withEmitMemo(memo, () => emitGroup(spec, group)) });
    }
    const remote = worker ? await whileWaiting(worker.running.done, outDir, local.get('client')?.files) : [];
    const files = mergeEmitted([...[...local.values()].map((l) => l.files), remote]);
    return {
      files,
      threads: worker ? 2 : 1,
      saveMemos: async () => {
        for (const [group, { memo }] of local) {
          // The daemon makes the records once idle, after the reply (saveEmitMemo); a one-shot run here, between the build's waits.
          while (memo.unsettled && !isLongLived()) {
            memo.settle(MEMO_SLICE_MS);
            await giveWay();
          }
          saveEmitMemo(outDir, group, memo);
        }
        await worker?.running.exited;
      },
    };
  } catch (error) {
    worker?.running.stop();
    throw error;
  }
}
