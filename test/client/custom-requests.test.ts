/**
 * What openai-node's README calls custom/undocumented requests, on the
 * generated Admin client against a local node:http recorder:
 * - `client.get/post/put/patch/delete(path, { query, body, headers })` reach
 *   an endpoint the document lacks, with the client's key, headers, retries
 *   and request id, and resolve to JSON, text or undefined by what comes back;
 * - a param the method does not declare (`// @ts-expect-error`) is sent as
 *   given, not dropped: in the body of a method that has one, else in the query.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { realClientEntry } from './support.js';

let rec: Recorder;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let Client: new (options?: Record<string, unknown>) => any;

beforeAll(async () => {
  rec = await startRecorder();
  Client = ((await import(pathToFileURL(realClientEntry()).href)) as { default: typeof Client }).default;
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

const make = (extra: Record<string, unknown> = {}) =>
  new Client({ adminAPIKey: 'sk-admin-secret', baseURL: `${rec.url}/v1`, maxRetries: 0, ...extra });

describe('client.get/post/put/patch/delete', () => {
  it('sends the verb to the path under the base URL with the key, query, JSON body and headers', async () => {
    rec.setFallback(() => ({ body: { ok: true } }));
    const client = make({ defaultHeaders: { 'x-team': 'core' } });
    const out = await client.post('/some/path', { body: { some_prop: 'foo' }, query: { some_query_arg: 'bar' }, headers: { 'x-extra': '1' } });
    expect(out).toEqual({ ok: true });
    const [req] = rec.requests;
    expect(`${req!.method} ${req!.url}`).toBe('POST /v1/some/path?some_query_arg=bar');
    expect(req!.json()).toEqual({ some_prop: 'foo' });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers.authorization).toBe('Bearer sk-admin-secret');
    expect(req!.headers['x-team']).toBe('core');
    expect(req!.headers['x-extra']).toBe('1');
    for (const verb of ['get', 'put', 'patch', 'delete'] as const) await client[verb](`/v/${verb}`);
    expect(rec.requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/v/get', 'PUT /v1/v/put', 'PATCH /v1/v/patch', 'DELETE /v1/v/delete']);
    // A GET carries no body and no idempotency key; the other verbs carry the key, as the methods do.
    expect(rec.requests[1]!.body).toBe('');
    expect(rec.requests[1]!.headers['idempotency-key']).toBeUndefined();
    expect(rec.requests[2]!.headers['idempotency-key']).toMatch(/retry-/);
  });

  it('resolves to JSON, text or undefined by what the server sends, with the request id and raw response', async () => {
    rec.route('GET', '/v1/json', () => ({ body: { a: 1 }, headers: { 'x-request-id': 'req_9' } }));
    rec.route('GET', '/v1/text', () => ({ body: 'plain words', headers: { 'content-type': 'text/plain' } }));
    rec.route('DELETE', '/v1/empty', () => ({ status: 204 }));
    const client = make();
    const json = await client.get('/json');
    expect(json).toEqual({ a: 1 });
    expect(json._request_id).toBe('req_9');
    expect(await client.get('/text')).toBe('plain words');
    expect(await client.delete('/empty')).toBeUndefined();
    const { data, response } = await client.get('/json').withResponse();
    expect([data.a, response.status]).toEqual([1, 200]);
  });

  it('an absolute URL is used as given; errors are the typed API errors; retries apply', async () => {
    let calls = 0;
    rec.route('GET', '/elsewhere', () => ({ body: { hit: true } }));
    rec.route('GET', '/v1/missing', () => ({ status: 404, body: { error: { message: 'no such thing' } } }));
    rec.route('GET', '/v1/flaky', () => (++calls === 1 ? { status: 503, body: {}, headers: { 'retry-after-ms': '0' } } : { body: { calls } }));
    const client = make();
    expect(await client.get(`${rec.url}/elsewhere`)).toEqual({ hit: true });
    await expect(client.get('/missing')).rejects.toMatchObject({ status: 404, name: 'NotFoundError' });
    expect(await client.get('/flaky', { maxRetries: 1 })).toEqual({ calls: 2 });
  });
});

describe('undeclared params, as openai-node sends them', () => {
  it('go in the body of a method with a body, beside the declared fields', async () => {
    rec.setFallback(() => ({ body: { id: 'proj_1', object: 'organization.project', name: 'P' } }));
    await make().admin.organization.projects.create({ name: 'P', baz: 'undocumented option', nested: { a: [1] } });
    expect(rec.requests[0]!.json()).toEqual({ name: 'P', baz: 'undocumented option', nested: { a: [1] } });
    expect(rec.requests[0]!.query).toBe('');
  });

  it('go in the query of a GET, after the declared params, and undefined ones are left out', async () => {
    rec.setFallback(() => ({ body: { object: 'list', data: [], has_more: false } }));
    await make().admin.organization.projects.list({ limit: 2, baz: 'x', flags: ['a', 'b'], gone: undefined });
    expect(decodeURIComponent(rec.requests[0]!.query)).toBe('limit=2&baz=x&flags=a&flags=b');
  });

  it('never repeat a path param in the query', async () => {
    rec.setFallback(() => ({ body: { object: 'list', data: [], has_more: false } }));
    await make().admin.organization.projects.users.list('proj_1', { limit: 1, baz: 'x' });
    expect(`${rec.requests[0]!.method} ${rec.requests[0]!.url}`).toBe('GET /v1/organization/projects/proj_1/users?limit=1&baz=x');
  });
});
