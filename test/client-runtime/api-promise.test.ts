import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIPromise, NotFoundError } from '../../runtime/client/index.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { deleteUser, listAuditLogs, listUsers, makeClient } from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

describe('APIPromise', () => {
  it('is a Promise; awaiting parses JSON and adds a non-enumerable _request_id', async () => {
    rec.enqueue({ headers: { 'x-request-id': 'req_1' }, body: { id: 'p1', name: 'n' } });
    const p = makeClient(rec.url).request<{ id: string; name: string }>(listAuditLogs);
    expect(p).toBeInstanceOf(Promise);
    expect(p).toBeInstanceOf(APIPromise);
    const data = await p;
    expect(data).toEqual({ id: 'p1', name: 'n' });
    expect(data._request_id).toBe('req_1');
    expect(Object.keys(data)).toEqual(['id', 'name']);
    expect(JSON.stringify(data)).toBe('{"id":"p1","name":"n"}');
  });

  it('asResponse gives the raw Response with the body unread', async () => {
    rec.enqueue({ status: 201, headers: { 'x-request-id': 'req_2' }, body: { a: 1 } });
    const res = await makeClient(rec.url).request(listAuditLogs).asResponse();
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(201);
    expect(res.bodyUsed).toBe(false);
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('withResponse gives data, response and request_id', async () => {
    rec.enqueue({ headers: { 'x-request-id': 'req_3' }, body: { a: 2 } });
    const { data, response, request_id } = await makeClient(rec.url).request<{ a: number }>(listAuditLogs).withResponse();
    expect(data).toEqual({ a: 2 });
    expect(response.status).toBe(200);
    expect(request_id).toBe('req_3');
  });

  it('the request is sent once even when awaited, then-ed and withResponse-d', async () => {
    rec.enqueue({ body: { a: 3 } });
    const p = makeClient(rec.url).request<{ a: number }>(listAuditLogs);
    const [x, y, z] = await Promise.all([p, p.then((d) => d.a), p.withResponse()]);
    expect(x).toEqual({ a: 3 });
    expect(y).toBe(3);
    expect(z.data).toBe(x);
    expect(rec.requests).toHaveLength(1);
  });

  it('catch and finally work and see the typed error', async () => {
    rec.enqueue({ status: 404, body: { error: { message: 'nope' } } });
    let finalized = false;
    const err = await makeClient(rec.url)
      .request(listAuditLogs)
      .finally(() => {
        finalized = true;
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(finalized).toBe(true);
  });

  it('an empty 204 body parses to null; text bodies stay text', async () => {
    rec.enqueue({ status: 204 }, { body: 'plain', headers: { 'content-type': 'text/plain' } });
    const client = makeClient(rec.url);
    expect(await client.request(deleteUser, { user_id: 'u' })).toBeNull();
    expect(await client.request(listAuditLogs)).toBe('plain');
  });

  it('page promises also offer withResponse', async () => {
    rec.enqueue({ headers: { 'x-request-id': 'req_p' }, body: { data: [{ id: 'a' }], has_more: false } });
    const { data, request_id } = await makeClient(rec.url).requestPage<{ id: string }>(listUsers).withResponse();
    expect(data.data).toEqual([{ id: 'a' }]);
    expect(request_id).toBe('req_p');
  });
});
