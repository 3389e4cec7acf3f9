/**
 * Worker-thread entry of `generate` (see emit-threads.ts): emits some emitter
 * groups of one target from spec/<target>/spec.json (or from the text an
 * import is writing there, in the daemon), each through its own emit memo,
 * and posts the files back. The task comes with the worker, or (a worker the
 * daemon starts before the spec is ready) as its first message. launch.cjs
 * bundles it as emit-worker.cjs beside the generator's bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEmitMemo, saveEmitMemo } from '../build/emit-cache.js';
import { GeneratorError } from '../errors.js';
import { emitGroup, type EmitterGroup } from '../emit/groups.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { loadSpec, loadSpecFromText } from '../ir/serialize.js';

export interface WorkerTask {
  target: string;
  outDir: string;
  groups: EmitterGroup[];
  /** spec.json's text, when the worker starts before it is written. */
  specText?: string;
}

export type WorkerReply =
  | { ok: true; files: Array<[string, string]> }
  | { ok: false; generatorError?: { message: string; location: GeneratorError['location']; hint?: string }; stack: string };

function run(task: WorkerTask): void {
  let reply: WorkerReply;
  let memos: EmitMemo[] = [];
  try {
    memos = task.groups.map((group) => loadEmitMemo(task.outDir, group));
    for (const memo of memos.slice(1)) memo.shareWith(memos[0]!);
    const spec = task.specText === undefined ? loadSpec(task.target) : loadSpecFromText(task.target, task.specText);
    const files = task.groups.flatMap((group, i) => withEmitMemo(memos[i], () => emitGroup(spec, group)));
    reply = { ok: true, files };
  } catch (error) {
    memos = [];
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reply = error instanceof GeneratorError ? { ok: false, generatorError: { message: error.message, location: error.location, hint: error.hint }, stack } : { ok: false, stack };
  }
  parentPort!.postMessage(reply);
  // The memos are kept after the reply, while the main thread merges and writes the files (it waits
  // for this thread to end before exiting). They record what pure emission units returned, true
  // whatever happens to the files next.
  task.groups.forEach((group, i) => memos[i] && saveEmitMemo(task.outDir, group, memos[i]!));
}

if (workerData) run(workerData as WorkerTask);
else parentPort!.once('message', (task: WorkerTask) => run(task));
