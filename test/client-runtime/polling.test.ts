/**
 * The poll helpers' loop (runtime/client/polling.ts), against a local server:
 * a retrieve is repeated while its `status` is pending, waiting the caller's
 * `pollIntervalMs`, else the server's interval header (the spec's, else
 * `Retry-After`), else 5 s; the poll headers go out only when the spec names
 * them; an abort during a wait rejects at once; `pollAfter` polls the id its
 * first call answered with; `waitUntilDone` gives up after `maxWait`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, APIUserAbortError } from '../../runtime/client/index.js';
import type { OperationSpec, PollSpec } from '../../runtime/client/operation.js';
import { pollAfter, pollUntilDone, waitUntilDone } from '../../runtime/client/polling.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { makeClient } from './support/fixtures.js';

const OPENAI: Omit<PollSpec, 'pending'> = {
  intervalHeader: 'openai-poll-after-ms',
  markerHeader: 'X-Stainless-Poll-Helper',
  customIntervalHeader: 'X-Stainless-Custom-Poll-Interval',
};

const retrieveRun = (poll: Omit<PollSpec, 'pending'> = OPENAI): OperationSpec => ({
  key: 'beta.threads.runs.retrieve',
  method: 'get',
  path: '/threads/{thread_id}/runs/{run_id}',
  pathParams: ['thread_id', 'run_id'],
  poll: { pending: ['queued', 'in_progress', 'cancelling'], ...poll },
  auth: true,
});

const createRun: OperationSpec = {
  key: 'beta.threads.runs.create',
  method: 'post',
  path: '/threads/{thread_id}/runs',
  pathParams: ['thread_id'],
  body: { contentType: 'application/json', fields: { assistant_id: 'assistant_id' } },
  auth: true,
};

const retrieveFile: OperationSpec = {
  key: 'files.retrieve',
  method: 'get',
  path: '/files/{file_id}',
  pathParams: ['file_id'],
  poll: { pending: ['uploaded'], ...OPENAI },
  auth: true,
};

const run = (status: string, headers: Record<string, string> = {}) => ({ headers, body: { id: 'run_1', object: 'thread.run', status } });

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

describe('pollUntilDone', () => {
  it('retrieves until the status is not pending, and resolves to that object (a failed one too)', async () => {
    rec.enqueue(run('queued', { 'openai-poll-after-ms': '1' }), run('in_progress', { 'openai-poll-after-ms': '1' }), run('failed'));
    const done = await pollUntilDone<{ status: string }>(makeClient(rec.url), retrieveRun(), { thread_id: 't1', run_id: 'run_1' });
    expect(done.status).toBe('failed');
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('GET /threads/t1/runs/run_1'));
    // The marker goes on every retrieve; the custom-interval header only with a caller's pollIntervalMs.
    expect(rec.requests.map((r) => r.headers['x-stainless-poll-helper'])).toEqual(['true', 'true', 'true']);
    expect(rec.requests.map((r) => r.headers['x-stainless-custom-poll-interval'])).toEqual([undefined, undefined, undefined]);
  });

  it('waits as the interval header says', async () => {
    rec.enqueue(run('queued', { 'openai-poll-after-ms': '120' }), run('completed'));
    const start = Date.now();
    await pollUntilDone(makeClient(rec.url), retrieveRun(), { thread_id: 't1', run_id: 'run_1' });
    expect(Date.now() - start).toBeGreaterThanOrEqual(110);
  });

  it('waits pollIntervalMs over the header, and says so in the custom-interval header', async () => {
    rec.enqueue(run('queued', { 'openai-poll-after-ms': '60000' }), run('in_progress', { 'openai-poll-after-ms': '60000' }), run('completed'));
    const start = Date.now();
    const done = await pollUntilDone<{ status: string }>(makeClient(rec.url), retrieveRun(), { thread_id: 't1', run_id: 'run_1' }, { pollIntervalMs: 5, headers: { 'X-Extra': 'kept' } });
    expect(done.status).toBe('completed');
    expect(Date.now() - start).toBeLessThan(5000);
    expect(rec.requests.map((r) => r.headers['x-stainless-custom-poll-interval'])).toEqual(['5', '5', '5']);
    expect(rec.requests.map((r) => r.headers['x-extra'])).toEqual(['kept', 'kept', 'kept']);
  });

  it('sends no poll header of its own when the spec names none, and then reads Retry-After', async () => {
    rec.enqueue(run('queued', { 'retry-after-ms': '100' }), run('completed'));
    const start = Date.now();
    await pollUntilDone(makeClient(rec.url), retrieveRun({}), { thread_id: 't1', run_id: 'run_1' });
    expect(Date.now() - start).toBeGreaterThanOrEqual(90);
    rec.enqueue(run('queued'), run('completed'));
    await pollUntilDone(makeClient(rec.url), retrieveRun({}), { thread_id: 't1', run_id: 'run_1' }, { pollIntervalMs: 1 });
    for (const r of rec.requests) expect(Object.keys(r.headers).filter((h) => h.startsWith('x-stainless'))).toEqual([]);
  });

  it('rejects with APIUserAbortError when the signal fires during a wait', async () => {
    rec.enqueue(run('queued', { 'openai-poll-after-ms': '30000' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const start = Date.now();
    const err = await pollUntilDone(makeClient(rec.url), retrieveRun(), { thread_id: 't1', run_id: 'run_1' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - start).toBeLessThan(5000);
    expect(rec.requests).toHaveLength(1);
  });
});

describe('pollAfter', () => {
  it('sends the first call without the poll options, then polls the id it answered with and the path params given', async () => {
    rec.enqueue({ body: { id: 'run_9', status: 'queued' } }, run('in_progress', { 'openai-poll-after-ms': '1' }), { body: { id: 'run_9', status: 'requires_action' } });
    const done = await pollAfter<{ id: string; status: string }>(
      makeClient(rec.url),
      createRun,
      { thread_id: 't1', assistant_id: 'asst_1' },
      retrieveRun(),
      { thread_id: 't1' },
      { pollIntervalMs: 1 },
    );
    expect(done.status).toBe('requires_action');
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /threads/t1/runs', 'GET /threads/t1/runs/run_9', 'GET /threads/t1/runs/run_9']);
    expect(rec.requests[0]!.json()).toEqual({ assistant_id: 'asst_1' });
    expect(rec.requests[0]!.headers['x-stainless-poll-helper']).toBeUndefined();
    expect(rec.requests[1]!.headers['x-stainless-custom-poll-interval']).toBe('1');
  });
});

describe('waitUntilDone', () => {
  it('retrieves every pollInterval ms, with no poll headers, until the status is not pending', async () => {
    rec.enqueue({ body: { id: 'file-1', status: 'uploaded' } }, { body: { id: 'file-1', status: 'processed' } });
    const done = await waitUntilDone<{ status: string }>(makeClient(rec.url), retrieveFile, { file_id: 'file-1' }, { pollInterval: 1 });
    expect(done.status).toBe('processed');
    expect(rec.requests.map((r) => r.path)).toEqual(['/files/file-1', '/files/file-1']);
    expect(rec.requests[1]!.headers['x-stainless-poll-helper']).toBeUndefined();
  });

  it('gives up after maxWait with APIConnectionTimeoutError', async () => {
    rec.route('GET', '/files/file-1', { body: { id: 'file-1', status: 'uploaded' } });
    const err = await waitUntilDone(makeClient(rec.url), retrieveFile, { file_id: 'file-1' }, { pollInterval: 10, maxWait: 40 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect((err as Error).message).toMatch(/files\.retrieve of file-1 .*"uploaded".* after 40 milliseconds/);
    expect(rec.requests.length).toBeGreaterThanOrEqual(3);
  });
});
