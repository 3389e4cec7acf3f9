/**
 * Worker threads for the commands that have two independent halves of work
 * (`generate`'s emitter groups, `check`'s type-checks). A worker runs one of
 * the small entries launch.cjs bundles beside the generator (`<name>.cjs`);
 * run from the TypeScript sources (tests) there is no such bundle, and
 * `TRIGEN_THREADS=1` or a one-core machine keeps everything on this thread.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** generator/run-cached.cjs. */
const runner = join(dirname(fileURLToPath(import.meta.url)), '../run-cached.cjs');

/** `TRIGEN_THREADS=1` or `=2` forces one or two threads; anything else leaves it to the command. */
export function forcedThreads(): 1 | 2 | undefined {
  const setting = process.env.TRIGEN_THREADS;
  return setting === '1' ? 1 : setting === '2' ? 2 : undefined;
}

/** The bundled worker entry `name`, when it exists and threads are allowed; else undefined. */
export function workerEntry(name: string): string | undefined {
  if (forcedThreads() === 1) return undefined;
  // Beside the chunk this module is bundled into (node_modules/.cache/openapi-tri-gen/).
  const file = fileURLToPath(new URL(`./${name}.cjs`, import.meta.url));
  if (!existsSync(file)) return undefined;
  return forcedThreads() === 2 || availableParallelism() >= 2 ? file : undefined;
}

export interface RunningWorker<T> {
  /** The worker's reply (its first message). */
  done: Promise<T>;
  /** Settles when the thread has ended (it may still work after replying). */
  exited: Promise<void>;
  /** Send the worker its task, when it was started without one. */
  post(task: unknown): void;
  stop(): void;
}

/** Start `file` with `data` (or with none: then `post` gives the task later); it posts one message (its reply) and ends. */
export function startWorker<T>(file: string, data: unknown, what: string): RunningWorker<T> {
  // Through the runner that compiles the bundle from its V8 code cache, as launch.cjs runs the command's.
  const load = `require(${JSON.stringify(runner)}).runCached(${JSON.stringify(file)}, ${JSON.stringify(file.replace(/\.cjs$/, '.v8cache'))});`;
  const worker = new Worker(load, { eval: true, workerData: data });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const done = new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker thread ${what} exited with code ${code} before replying`)));
  });
  // Settled even when the caller fails first and never awaits it, so no rejection goes unhandled.
  done.catch(() => undefined);
  return { done, exited, post: (task) => worker.postMessage(task), stop: () => void worker.terminate() };
}
