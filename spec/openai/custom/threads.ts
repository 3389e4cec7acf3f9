/**
 * openai-node's `client.beta.threads.createAndRunPoll()`: makes a thread and
 * runs it in one call, then polls the run (`runs.poll`) until it stops.
 */
import type { RequestOptions } from '../core/request.js';
import type { Run, Threads, ThreadCreateAndRunParams } from '../resources/beta/threads/threads.js';

/** `client.beta.threads.createAndRunPoll()` (its `this`). */
export async function createAndRunPoll(
  this: Threads,
  params: ThreadCreateAndRunParams,
  options?: RequestOptions & { pollIntervalMs?: number },
): Promise<Run> {
  const run = await this.createAndRun(params, options);
  return this.runs.poll(run.id, { thread_id: run.thread_id }, options);
}
