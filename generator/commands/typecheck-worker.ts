/**
 * Worker-thread entry of `check` (see check.ts): the strict type-check of one
 * generated client, so the targets' checks run side by side and beside the
 * drift check. launch.cjs bundles it as typecheck-worker.cjs beside the
 * generator's bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { typecheckClient } from '../build/typescript.js';

export type TypecheckReply = { diagnostics: string[] } | { error: string };

const { pkgDir } = workerData as { pkgDir: string };
let reply: TypecheckReply;
try {
  reply = { diagnostics: typecheckClient(pkgDir) };
} catch (error) {
  reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort!.postMessage(reply);
