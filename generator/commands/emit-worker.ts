/**
 * Worker-thread entry of `generate` (see emit-threads.ts): emits one emitter
 * group of one target from spec/<target>/spec.json, through that group's own
 * emit memo, and posts the files back. launch.cjs bundles it as
 * emit-worker.cjs beside the generator's bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEmitMemo, saveEmitMemo } from '../build/emit-cache.js';
import { GeneratorError } from '../errors.js';
import { emitGroup, type EmitterGroup } from '../emit/groups.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { loadSpec } from '../ir/serialize.js';

export interface WorkerTask {
  target: string;
  outDir: string;
  group: EmitterGroup;
}

export type WorkerReply =
  | { ok: true; files: Array<[string, string]> }
  | { ok: false; generatorError?: { message: string; location: GeneratorError['location']; hint?: string }; stack: string };

const task = workerData as WorkerTask;
let reply: WorkerReply;
let memo: EmitMemo | undefined;
try {
  memo = loadEmitMemo(task.outDir, task.group);
  const files = withEmitMemo(memo, () => emitGroup(loadSpec(task.target), task.group));
  reply = { ok: true, files };
} catch (error) {
  memo = undefined;
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  reply = error instanceof GeneratorError ? { ok: false, generatorError: { message: error.message, location: error.location, hint: error.hint }, stack } : { ok: false, stack };
}
parentPort!.postMessage(reply);
// The memo is kept after the reply, while the main thread merges and writes the files (it waits
// for this thread to end before exiting). It records what pure emission units returned, true
// whatever happens to the files next.
if (memo) saveEmitMemo(task.outDir, task.group, memo);
