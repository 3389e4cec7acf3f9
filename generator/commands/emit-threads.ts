/**
 * Emission of one target for `generate`, on two threads when that pays: a
 * worker thread emits the CLI's and MCP server's tables while this one emits
 * the client (generator/emit/groups.ts). Each group is a pure function of
 * spec/<target>/spec.json with its own emit memo, so the files are the same
 * bytes either way.
 *
 * The worker runs when the tables have no memo from this emitter code (a cold
 * emission: the first generate of a folder, or after an upgrade) and the spec
 * is not small: a warm run re-emits a few units, less than a worker costs to
 * start (~50 ms of loading the spec and the code again). One core,
 * `TRIGEN_THREADS=1`, or the generator run from its TypeScript sources (no
 * worker bundle) emit on this thread; `TRIGEN_THREADS=2` forces the worker.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hasEmitMemo, loadEmitMemo, saveEmitMemo } from '../build/emit-cache.js';
import { GeneratorError } from '../errors.js';
import { emitGroup, GROUP_NAMES, mergeEmitted, type EmitterGroup } from '../emit/groups.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { loadSpec, specPath } from '../ir/serialize.js';
import type { WorkerReply, WorkerTask } from './emit-worker.js';

/** The worker's bundle, written by launch.mjs beside the chunk this module is bundled into. */
const workerFile = fileURLToPath(new URL('./emit-worker.mjs', import.meta.url));
/** The group a worker emits when there is one; this thread emits the rest. */
const WORKER_GROUP: EmitterGroup = 'tables';

export interface EmittedTarget {
  files: Map<string, string>;
  /** Threads that emitted (1 or 2). */
  threads: number;
  /** Keep this thread's memos for the next run (the worker kept its own). */
  saveMemos(): void;
}

/** Below this spec.json size a cold emission is too short for a second thread to win back its start. */
const WORKER_MIN_SPEC_BYTES = 256 * 1024;

function useWorker(target: string, outDir: string): boolean {
  const setting = process.env.TRIGEN_THREADS;
  if (setting === '1' || !existsSync(workerFile)) return false;
  if (setting === '2') return true;
  if (availableParallelism() < 2 || hasEmitMemo(outDir, WORKER_GROUP)) return false;
  return (statSync(specPath(target), { throwIfNoEntry: false })?.size ?? 0) >= WORKER_MIN_SPEC_BYTES;
}

function runWorker(task: WorkerTask): { done: Promise<Array<[string, string]>>; stop: () => void } {
  const worker = new Worker(workerFile, { workerData: task });
  const done = new Promise<Array<[string, string]>>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => {
      if (reply.ok) resolve(reply.files);
      else if (reply.generatorError) {
        const { message, location, hint } = reply.generatorError;
        reject(new GeneratorError(message, location, hint));
      } else reject(new Error(`emitting ${task.group} for ${task.target} failed in a worker thread:\n${reply.stack}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${task.group} emitter thread exited with code ${code} before replying`)));
  });
  // Settled even when this thread fails first, so no rejection goes unhandled.
  done.catch(() => undefined);
  return { done, stop: () => void worker.terminate() };
}

/** Every generated file of `target` (relative to `outDir`, its generated folder), through the emit memos. */
export async function emitTarget(target: string, outDir: string): Promise<EmittedTarget> {
  const worker = useWorker(target, outDir) ? runWorker({ target, outDir, group: WORKER_GROUP }) : undefined;
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
      saveMemos: () => {
        for (const [group, { memo }] of local) saveEmitMemo(outDir, group, memo);
      },
    };
  } catch (error) {
    worker?.stop();
    throw error;
  }
}
