import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../runtime/client/index.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { listAuditLogs, makeClient } from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

const cases: Array<[number, new (...a: never[]) => APIError]> = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [503, InternalServerError],
];

describe('status errors', () => {
  it.each(cases)('%i → its class with status, headers, request id and the parsed OpenAI error body', async (status, Cls) => {
    rec.enqueue({
      status,
      headers: { 'x-request-id': `req_${status}` },
      body: { error: { message: `boom ${status}`, type: 'invalid_request_error', param: 'limit', code: `code_${status}` } },
    });
    const err = await makeClient(rec.url, { maxRetries: 0 }).request(listAuditLogs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cls);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toBeInstanceOf(ClientError);
    const e = err as APIError;
    expect(e.status).toBe(status);
    expect(e.request_id).toBe(`req_${status}`);
    expect(e.requestID).toBe(`req_${status}`);
    expect(e.headers?.get('x-request-id')).toBe(`req_${status}`);
    expect(e.message).toBe(`${status} boom ${status}`);
    expect(e.code).toBe(`code_${status}`);
    expect(e.param).toBe('limit');
    expect(e.type).toBe('invalid_request_error');
    expect(e.error).toEqual({ message: `boom ${status}`, type: 'invalid_request_error', param: 'limit', code: `code_${status}` });
    expect(e.name).toBe(Cls.name);
    expect(rec.requests).toHaveLength(1);
  });

  it('handles the flat admin body `{"code": 404, "message": …}`', async () => {
    rec.enqueue({ status: 404, body: { code: 404, message: 'Project not found' } });
    const e = (await makeClient(rec.url).request(listAuditLogs).catch((x: unknown) => x)) as NotFoundError;
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).toBe('404 Project not found');
    expect(e.code).toBe(404);
    expect(e.param).toBeUndefined();
    expect(e.request_id).toBeNull();
    expect(e.error).toEqual({ code: 404, message: 'Project not found' });
  });

  it('a non-JSON body becomes the message; an empty body says so', async () => {
    rec.enqueue({ status: 418, body: 'I am a teapot', headers: { 'content-type': 'text/plain' } }, { status: 404 });
    const client = makeClient(rec.url);
    const a = (await client.request(listAuditLogs).catch((x: unknown) => x)) as APIError;
    expect(a.constructor).toBe(APIError);
    expect(a.status).toBe(418);
    expect(a.message).toBe('418 I am a teapot');
    expect(a.error).toBeUndefined();
    const b = (await client.request(listAuditLogs).catch((x: unknown) => x)) as APIError;
    expect(b).toBeInstanceOf(NotFoundError);
    expect(b.message).toBe('404 status code (no body)');
  });

  it('a JSON body without a message is shown as JSON', async () => {
    rec.enqueue({ status: 400, body: { error: { code: 'x' } } });
    const e = (await makeClient(rec.url).request(listAuditLogs).catch((x: unknown) => x)) as APIError;
    expect(e.message).toBe('400 {"code":"x"}');
  });
});
