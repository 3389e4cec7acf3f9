/**
 * Worker-thread entry of a one-shot import's first parse of a large document
 * (see recordOnWorker in yaml-chunks.ts): the entry cache for the next import,
 * made and written here while the import goes on. launch.cjs bundles it as
 * yaml-cache-worker.cjs beside the generator's bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { recordChunkCache } from './yaml-chunks.js';

const { text, key } = workerData as { text: string; key: string };
try {
  recordChunkCache(text, key);
} catch {
  // A cache that cannot be made or written only makes the next import slower.
}
parentPort!.postMessage({ done: true });
