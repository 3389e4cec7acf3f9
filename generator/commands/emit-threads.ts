/**
 * Emission of one target for `generate`, on two threads when that pays: a
 * worker thread emits the MCP server's tool table while this one emits the
 * client and the CLI's command table (generator/emit/groups.ts). Each group is a pure function of
 * spec/<target>/spec.json with its own emit memo, so the files are the same
 * bytes either way.
 *
 * The worker runs when its group has no memo from this emitter code (a cold
 * emission: the first generate of a folder, or after an upgrade) and the spec
 * is not small: a warm run re-emits a few units, less than a worker costs to
 * start (~50 ms of loading the spec and the code again). One core,
 * `TRIGEN_THREADS=1`, or the generator run from its TypeScript sources (no
 * worker bundle) emit on this thread; `TRIGEN_THREADS=2` forces the worker.
 */
import { statSync } from 'node:fs';
import { hasEmitMemo, loadEmitMemo, saveEmitMemo } from '../build/emit-cache.js';
import { GeneratorError } from '../errors.js';
import { isLongLived } from '../long-lived.js';
import { emitGroup, GROUP_NAMES, mergeEmitted, type EmitterGroup } from '../emit/groups.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { loadSpec, specPath } from '../ir/serialize.js';
import type { WorkerReply, WorkerTask } from './emit-worker.js';
import { forcedThreads, startWorker, workerEntry, type RunningWorker } from './workers.js';

/** The group a worker emits when there is one; this thread emits the rest. */
const WORKER_GROUP: EmitterGroup = 'mcp';

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

/** How long one slice of making memo records may hold this thread (ms). */
const MEMO_SLICE_MS = 4;

/** Below this spec.json size a cold emission is too short for a second thread to win back its start. */
const WORKER_MIN_SPEC_BYTES = 256 * 1024;

/** The worker bundle when a worker pays for this emission (see the top of this file). */
function emitWorker(target: string, outDir: string): string | undefined {
  const file = workerEntry('emit-worker');
  if (!file || forcedThreads() === 2) return file;
  if (hasEmitMemo(outDir, WORKER_GROUP)) return undefined;
  return (statSync(specPath(target), { throwIfNoEntry: false })?.size ?? 0) >= WORKER_MIN_SPEC_BYTES ? file : undefined;
}

/** The worker's group emitted on `file`'s worker thread. */
function emitOnWorker(file: string, task: WorkerTask): RunningWorker<Array<[string, string]>> {
  const worker = startWorker<WorkerReply>(file, task, `emitting ${task.group} for ${task.target}`);
  const done = worker.done.then((reply) => {
    if (reply.ok) return reply.files;
    if (reply.generatorError) {
      const { message, location, hint } = reply.generatorError;
      throw new GeneratorError(message, location, hint);
    }
    throw new Error(`emitting ${task.group} for ${task.target} failed in a worker thread:\n${reply.stack}`);
  });
  done.catch(() => undefined);
  return { ...worker, done };
}

/** Every generated file of `target` (relative to `outDir`, its generated folder), through the emit memos. */
export async function emitTarget(target: string, outDir: string): Promise<EmittedTarget> {
  const file = emitWorker(target, outDir);
  const worker = file ? emitOnWorker(file, { target, outDir, group: WORKER_GROUP }) : undefined;
  try {
    const spec = loadSpec(target);
    const local = new Map<EmitterGroup, { memo: EmitMemo; files: Array<[string, string]> }>();
    for (const group of GROUP_NAMES) {
      if (worker && group === WORKER_GROUP) continue;
      const memo = loadEmitMemo(outDir, group);
      local.set(group, { memo, files: withEmitMemo(memo, () => emitGroup(spec, group)) });
    }
    const remote = worker ? await worker.done : [];
    const files = mergeEmitted(GROUP_NAMES.map((group) => local.get(group)?.files ?? remote));
    return {
      files,
      threads: worker ? 2 : 1,
      saveMemos: async () => {
        for (const [group, { memo }] of local) {
          // The daemon makes the records once idle, after the reply (saveEmitMemo); a one-shot run here, between the build's waits.
          while (memo.unsettled && !isLongLived()) {
            memo.settle(MEMO_SLICE_MS);
            await new Promise((resolve) => setImmediate(resolve));
          }
          saveEmitMemo(outDir, group, memo);
        }
        await worker?.exited;
      },
    };
  } catch (error) {
    worker?.stop();
    throw error;
  }
}
