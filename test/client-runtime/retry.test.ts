import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from '../../runtime/client/index.js';
import { backoffMs, retryAfterMs, shouldRetry } from '../../runtime/client/retry.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { createProject, listAuditLogs, makeClient, memoryLogger } from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

const ok = { body: { ok: true } };
const fast = { 'retry-after-ms': '1' };

describe('retry policy (unit)', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('reads retry-after-ms first, then Retry-After seconds or HTTP date', () => {
    expect(retryAfterMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(h({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(h({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
  });
  it('ignores missing, negative, unparsable and over-a-minute hints', () => {
    expect(retryAfterMs(h({}))).toBeUndefined();
    expect(retryAfterMs(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(h({ 'retry-after': '-1' }))).toBeUndefined();
    expect(retryAfterMs(h({ 'retry-after': '120' }))).toBeUndefined();
  });
  it('backs off exponentially from 0.5 s to an 8 s cap with up to 25 % jitter', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(3, () => 0)).toBe(4000);
    expect(backoffMs(10, () => 0)).toBe(8000);
    expect(backoffMs(0, () => 1)).toBe(375);
  });
  it('retries 408, 409, 429, 5xx; x-should-retry overrides', () => {
    const r = (status: number, o: Record<string, string> = {}) => shouldRetry({ status, headers: h(o) });
    expect([408, 409, 429, 500, 503].map((s) => r(s))).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 422].map((s) => r(s))).toEqual([false, false, false, false, false]);
    expect(r(400, { 'x-should-retry': 'true' })).toBe(true);
    expect(r(503, { 'x-should-retry': 'false' })).toBe(false);
  });
});

describe('retries on the wire', () => {
  it('429 then 500 then success, honouring retry-after-ms and Retry-After', async () => {
    rec.enqueue(
      { status: 429, headers: fast, body: { error: { message: 'slow down' } } },
      { status: 500, headers: { 'retry-after': '0.001' } },
      ok,
    );
    const logger = memoryLogger();
    const res = await makeClient(rec.url, { logger, logLevel: 'info' }).request(listAuditLogs);
    expect(res).toEqual({ ok: true });
    expect(rec.requests).toHaveLength(3);
    // The waits came from the headers, not the 0.5 s backoff.
    expect(logger.lines.filter((l) => l.includes('retrying in 1 ms'))).toHaveLength(2);
  });

  it('gives up after maxRetries and throws the last status error', async () => {
    rec.setFallback(() => ({ status: 503, headers: fast, body: { error: { message: 'down' } } }));
    await expect(makeClient(rec.url).request(listAuditLogs)).rejects.toBeInstanceOf(InternalServerError);
    expect(rec.requests).toHaveLength(3);
    rec.reset();
    rec.setFallback(() => ({ status: 429, headers: fast }));
    await expect(makeClient(rec.url).request(listAuditLogs, {}, { maxRetries: 0 })).rejects.toBeInstanceOf(RateLimitError);
    expect(rec.requests).toHaveLength(1);
  });

  it('does not retry 400, nor a 5xx with x-should-retry: false; retries a 400 with x-should-retry: true', async () => {
    rec.enqueue({ status: 400, headers: fast, body: { error: { message: 'bad' } } });
    await expect(makeClient(rec.url).request(listAuditLogs)).rejects.toBeInstanceOf(BadRequestError);
    expect(rec.requests).toHaveLength(1);
    rec.reset();
    rec.enqueue({ status: 502, headers: { ...fast, 'x-should-retry': 'false' } });
    await expect(makeClient(rec.url).request(listAuditLogs)).rejects.toBeInstanceOf(InternalServerError);
    expect(rec.requests).toHaveLength(1);
    rec.reset();
    rec.enqueue({ status: 400, headers: { ...fast, 'x-should-retry': 'true' } }, ok);
    await expect(makeClient(rec.url).request(listAuditLogs)).resolves.toEqual({ ok: true });
    expect(rec.requests).toHaveLength(2);
  });

  it('a POST keeps one Idempotency-Key across its retries; the next call gets a new one', async () => {
    rec.enqueue({ status: 409, headers: fast }, { status: 500, headers: fast }, ok, ok);
    const client = makeClient(rec.url);
    await client.request(createProject, { name: 'p' });
    await client.request(createProject, { name: 'q' });
    const keys = rec.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(keys[0]).toBeTruthy();
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
    expect(rec.requests.map((r) => r.body)).toEqual(['{"name":"p"}', '{"name":"p"}', '{"name":"p"}', '{"name":"q"}']);
  });

  it('retries a dropped connection, then succeeds', async () => {
    rec.enqueue({ destroy: true }, ok);
    await expect(makeClient(rec.url).request(listAuditLogs)).resolves.toEqual({ ok: true });
    expect(rec.requests).toHaveLength(2);
  });

  it('a dropped connection with no retries left is APIConnectionError', async () => {
    rec.enqueue({ destroy: true });
    const err = await makeClient(rec.url, { maxRetries: 0 }).request(listAuditLogs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((err as APIConnectionError).status).toBeUndefined();
  });
});

describe('timeouts and aborts', () => {
  it('a slow server is APIConnectionTimeoutError (per-request timeout, no retries)', async () => {
    rec.enqueue({ delayMs: 2000, ...ok });
    const err = await makeClient(rec.url).request(listAuditLogs, {}, { timeout: 50, maxRetries: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect((err as Error).message).toBe('Request timed out.');
  });

  it('a timeout is retried like a connection error', async () => {
    rec.enqueue({ delayMs: 2000, ...ok }, ok);
    await expect(makeClient(rec.url, { timeout: 50 }).request(listAuditLogs, {}, { timeout: 50 })).resolves.toEqual({ ok: true });
    expect(rec.requests).toHaveLength(2);
  });

  it('the client-level timeout applies too', async () => {
    rec.enqueue({ delayMs: 2000, ...ok });
    await expect(makeClient(rec.url, { timeout: 50, maxRetries: 0 }).request(listAuditLogs)).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
  });

  it('aborting the signal is APIUserAbortError and is not retried', async () => {
    rec.enqueue({ delayMs: 2000, ...ok });
    const controller = new AbortController();
    const p = makeClient(rec.url).request(listAuditLogs, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(p).rejects.toBeInstanceOf(APIUserAbortError);
    expect(rec.requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(makeClient(rec.url).request(listAuditLogs, {}, { signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(rec.requests).toHaveLength(0);
  });

  it('aborting during the retry wait stops the retries', async () => {
    rec.setFallback(() => ({ status: 500, headers: { 'retry-after-ms': '5000' } }));
    const controller = new AbortController();
    const logger = memoryLogger();
    const p = makeClient(rec.url, { logger, logLevel: 'info' }).request(listAuditLogs, {}, { signal: controller.signal });
    // Abort once the first retry is scheduled.
    const poll = setInterval(() => {
      if (logger.lines.some((l) => l.includes('retrying in 5000 ms'))) controller.abort();
    }, 5);
    await expect(p).rejects.toBeInstanceOf(APIUserAbortError);
    clearInterval(poll);
    expect(rec.requests).toHaveLength(1);
  });
});
