/**
 * Polling helpers for a retrieve whose response's `status` says whether the
 * work is done (the operation's `poll` entry, PollSpec): the generated
 * `poll`, `<method>AndPoll` and config-named wait methods (openai-node's
 * `runs.poll`, `runs.createAndPoll`, `files.waitForProcessing`) are one-line
 * calls of these. Each retrieve is an ordinary request (retries, timeout,
 * headers as for any call); the wait between two is the caller's
 * `pollIntervalMs`, else the server's hint (the spec's interval header, or
 * `Retry-After` when the API names none), else 5 seconds. A status that is
 * not pending ends the poll, failed or cancelled ones too: the object is
 * returned, never thrown.
 */
import type { APIClient } from './client.js';
import { APIConnectionTimeoutError, APIUserAbortError, ClientError } from './errors.js';
import type { OperationSpec } from './operation.js';
import { headerEntries, type HeadersInput, type RequestOptions } from './request.js';
import { retryAfterMs, sleep } from './retry.js';

/** The wait between two retrieves when neither the caller nor the server says one. */
export const DEFAULT_POLL_INTERVAL_MS = 5000;

/** Options of `poll` and `<method>AndPoll`: a request's, and the wait between retrieves. */
export type PollOptions = RequestOptions & {
  /** Milliseconds between two retrieves, over the server's hint. */
  pollIntervalMs?: number | undefined;
};

/** Options of a config-named wait method (openai-node's `files.waitForProcessing`). */
export type WaitOptions = RequestOptions & {
  /** Milliseconds between two retrieves (default 5000). */
  pollInterval?: number | undefined;
  /** Milliseconds after which the wait gives up with APIConnectionTimeoutError (default 30 minutes). */
  maxWait?: number | undefined;
};

/** The status a poll reads: the response's `status` field. */
function statusOf(data: unknown): unknown {
  return data && typeof data === 'object' ? (data as { status?: unknown }).status : undefined;
}

function pendingOf(op: OperationSpec): Set<unknown> {
  if (!op.poll) throw new ClientError(`${op.key} cannot be polled: its response has no pending status.`);
  return new Set(op.poll.pending);
}

/** The caller's headers (a null still removes a header) with `extra` over them. */
function withHeaders(
  given: HeadersInput | undefined,
  extra: Record<string, string>,
): Record<string, string | null | undefined> {
  return { ...Object.fromEntries(given ? headerEntries(given) : []), ...extra };
}

/** The server's wait before the next retrieve, in ms, or undefined when it gave none. */
function serverInterval(op: OperationSpec, headers: Headers): number | undefined {
  const name = op.poll?.intervalHeader;
  if (!name) return retryAfterMs(headers);
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function checkInterval(name: string, ms: number | undefined): void {
  if (ms !== undefined && (!Number.isFinite(ms) || ms < 0))
    throw new ClientError(`${name} must be a non-negative number of milliseconds.`);
}

/**
 * Retrieves `op` with `params` until the response's status is not one of the
 * pending values, and resolves to that last object. Aborting `options.signal`
 * (during a request or a wait) rejects with APIUserAbortError.
 */
export async function pollUntilDone<T>(
  client: APIClient,
  op: OperationSpec,
  params: object,
  options?: PollOptions,
): Promise<T> {
  const pending = pendingOf(op);
  const { pollIntervalMs, ...request } = options ?? {};
  checkInterval('pollIntervalMs', pollIntervalMs);
  const extra: Record<string, string> = {};
  if (op.poll?.markerHeader) extra[op.poll.markerHeader] = 'true';
  if (op.poll?.customIntervalHeader && pollIntervalMs !== undefined)
    extra[op.poll.customIntervalHeader] = String(pollIntervalMs);
  const sent: RequestOptions =
    Object.keys(extra).length > 0 ? { ...request, headers: withHeaders(request.headers, extra) } : request;
  const signal = request.signal ?? undefined;
  for (;;) {
    const { data, response } = await client.request<T>(op, params, sent).withResponse();
    if (!pending.has(statusOf(data))) return data as T;
    const wait = pollIntervalMs ?? serverInterval(op, response.headers) ?? DEFAULT_POLL_INTERVAL_MS;
    await sleep(wait, signal, () => new APIUserAbortError());
  }
}

/**
 * Sends `op` (a create, or an action on the polled object), then polls the
 * retrieve `pollOp` for the `id` of its result, with `pollParams` (the path
 * params the first call had) for its other params. `pollIntervalMs` is the
 * poll's only.
 */
export async function pollAfter<T>(
  client: APIClient,
  op: OperationSpec,
  params: object,
  pollOp: OperationSpec,
  pollParams: object,
  options?: PollOptions,
): Promise<T> {
  pendingOf(pollOp);
  const { pollIntervalMs: _interval, ...request } = options ?? {};
  const first: unknown = await client.request<T>(op, params, request);
  const id = first && typeof first === 'object' ? (first as { id?: unknown }).id : undefined;
  const idParam = pollOp.pathParams[pollOp.pathParams.length - 1];
  if (typeof id !== 'string' || idParam === undefined)
    throw new ClientError(`${op.key} answered without an \`id\` to poll.`);
  return pollUntilDone<T>(client, pollOp, { ...pollParams, [idParam]: id }, options);
}

/**
 * Retrieves `op` every `pollInterval` ms (default 5000) until its status is
 * not pending, as openai-node's `files.waitForProcessing`: no poll headers,
 * no server hint; after `maxWait` ms (default 30 minutes) it rejects with
 * APIConnectionTimeoutError.
 */
export async function waitUntilDone<T>(
  client: APIClient,
  op: OperationSpec,
  params: object,
  options?: WaitOptions,
): Promise<T> {
  const pending = pendingOf(op);
  const { pollInterval = DEFAULT_POLL_INTERVAL_MS, maxWait = 30 * 60 * 1000, ...request } = options ?? {};
  checkInterval('pollInterval', pollInterval);
  checkInterval('maxWait', maxWait);
  const signal = request.signal ?? undefined;
  const start = Date.now();
  let data = (await client.request<T>(op, params, request)) as T;
  while (pending.has(statusOf(data))) {
    await sleep(pollInterval, signal, () => new APIUserAbortError());
    data = (await client.request<T>(op, params, request)) as T;
    if (pending.has(statusOf(data)) && Date.now() - start > maxWait) {
      const last = op.pathParams[op.pathParams.length - 1];
      const id = last === undefined ? undefined : (params as Record<string, unknown>)[last];
      throw new APIConnectionTimeoutError({
        message: `Gave up waiting for ${op.key}${typeof id === 'string' ? ` of ${id}` : ''} to leave status ${JSON.stringify(statusOf(data))} after ${maxWait} milliseconds.`,
      });
    }
  }
  return data;
}
