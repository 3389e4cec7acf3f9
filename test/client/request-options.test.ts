/**
 * openai-node's per-request options (`path`, `query`, `body`, `headers`,
 * `maxRetries`, `timeout`, `signal`, `idempotencyKey`, `fetchOptions`) on the
 * generated client, seen by a local node:http recorder: each on a plain
 * method, a list method and a page iterator (whose later pages keep them),
 * then every option on all 119 methods.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startRecorder, type Recorder, type RecordedRequest } from '../support/http-recorder.js';
import { callArgs, invoke, loadRealSpec, realClientEntry } from './support.js';

const spec = loadRealSpec();
let rec: Recorder;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let Client: new (options?: Record<string, unknown>) => any;
/** What the client handed to fetch, per call. */
let inits: RequestInit[] = [];

beforeAll(async () => {
  rec = await startRecorder();
  Client = ((await import(pathToFileURL(realClientEntry()).href)) as { default: typeof Client }).default;
});
afterAll(() => rec.close());
beforeEach(() => {
  rec.reset();
  inits = [];
});

const recordingFetch = (url: string | URL | Request, init?: RequestInit) => {
  inits.push(init ?? {});
  return globalThis.fetch(url, init);
};
const make = (extra: Record<string, unknown> = {}) =>
  new Client({ adminAPIKey: 'sk-admin-secret', baseURL: rec.url, maxRetries: 0, fetch: recordingFetch, ...extra });

/** Cursor pages of two projects each, three pages in all, wherever they are requested. */
function projectPages(req: RecordedRequest) {
  const after = new URLSearchParams(req.query).get('after');
  const start = after ? Number(after.slice(2)) : 0;
  const data = [start + 1, start + 2].map((n) => ({ id: `p_${n}`, object: 'organization.project', name: `P${n}` }));
  return { body: { object: 'list', data, first_id: data[0]!.id, last_id: data[1]!.id, has_more: start + 2 < 6 } };
}

const project = { id: 'proj_1', object: 'organization.project', name: 'P' };
const projects = () => make().admin.organization.projects;
/** Walks every item of a list call. */
async function walk(list: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of list) items.push(item);
  return items;
}
const queryOf = (r: RecordedRequest) => decodeURIComponent(r.query);

describe('path', () => {
  it('sends a plain method to the given path, relative to the base URL or absolute', async () => {
    rec.setFallback(() => ({ body: project }));
    await projects().retrieve('proj_1', { path: '/elsewhere/proj_1' });
    await projects().update('proj_1', { name: 'n' }, { path: `${rec.url}/absolute?keep=1` });
    expect(rec.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /elsewhere/proj_1', 'POST /absolute?keep=1']);
  });

  it('sends a list method there with its query, and keeps the path for every later page', async () => {
    rec.setFallback(projectPages);
    const first = await projects().list({ limit: 2 }, { path: '/v2/projects' });
    expect(first.data).toHaveLength(2);
    expect(await walk(projects().list({ limit: 2 }, { path: '/v2/projects' }))).toHaveLength(6);
    expect(rec.requests.map((r) => r.url)).toEqual([
      '/v2/projects?limit=2',
      '/v2/projects?limit=2',
      '/v2/projects?limit=2&after=p_2',
      '/v2/projects?limit=2&after=p_4',
    ]);
  });
});

describe('query', () => {
  it('adds raw query params to a plain method, over a param of the same name', async () => {
    rec.setFallback(() => ({ body: project }));
    await projects().retrieve('proj_1', { query: { include: 'x y' } });
    await make().admin.organization.usage.costs({ start_time: 1, limit: 3 }, { query: { limit: 9, 'extra[]': ['a', 'b'] } });
    expect(rec.requests.map(queryOf)).toEqual(['include=x y', 'start_time=1&limit=9&extra[]=a&extra[]=b']);
  });

  it('reaches a list method and every later page; the page, not the option, gives the cursor', async () => {
    rec.setFallback(projectPages);
    await projects().list({ limit: 2 }, { query: { probe: 1 } });
    expect(await walk(projects().list({ limit: 2 }, { query: { probe: 2, after: 'p_0' } }))).toHaveLength(6);
    expect(rec.requests.map(queryOf)).toEqual(['limit=2&probe=1', 'limit=2&probe=2&after=p_0', 'limit=2&after=p_2&probe=2', 'limit=2&after=p_4&probe=2']);
  });
});

describe('body', () => {
  it('merges object fields over a plain method’s body, or replaces it with a raw body', async () => {
    rec.setFallback(() => ({ body: project }));
    await projects().update('proj_1', { name: 'n' }, { body: { extra: true, name: 'over' } });
    await projects().create({ name: 'n' }, { body: '{"name":"raw"}' });
    await projects().archive('proj_1', { body: { reason: 'done' } });
    expect(rec.requests.map((r) => [r.url, r.headers['content-type'], r.json()])).toEqual([
      ['/organization/projects/proj_1', 'application/json', { name: 'over', extra: true }],
      ['/organization/projects', 'application/json', { name: 'raw' }],
      ['/organization/projects/proj_1/archive', 'application/json', { reason: 'done' }],
    ]);
  });
  // GET list methods carry no body (fetch forbids one); the runtime test sends a body on every page of a POST list.
});

describe('headers', () => {
  it('reach a plain method, a list method and every later page; null removes a header', async () => {
    rec.setFallback((req) => (req.path.startsWith('/organization/projects/') ? { body: project } : projectPages(req)));
    await projects().retrieve('proj_1', { headers: { 'x-probe': 'plain', 'user-agent': null } });
    await projects().list({ limit: 2 }, { headers: { 'x-probe': 'list' } });
    await walk(projects().list({ limit: 2 }, { headers: { 'x-probe': 'walk' } }));
    expect(rec.requests.map((r) => r.headers['x-probe'])).toEqual(['plain', 'list', 'walk', 'walk', 'walk']);
    expect(rec.requests[0]!.headers['user-agent']).not.toMatch(/openai-admin/);
  });
});

describe('maxRetries', () => {
  it('retries a plain method and a list method as often as asked, over the client’s 0', async () => {
    rec.enqueue({ status: 500, body: {} }, { body: project }, { status: 503, body: {} }, { status: 503, body: {} }, { body: { object: 'list', data: [], has_more: false } });
    await projects().retrieve('proj_1', { maxRetries: 1 });
    await projects().list({}, { maxRetries: 2 });
    expect(rec.requests.map((r) => r.path)).toEqual(['/organization/projects/proj_1', '/organization/projects/proj_1', ...Array(3).fill('/organization/projects')]);
  });

  it('retries later pages too', async () => {
    let failed = false;
    rec.setFallback((req) => {
      if (req.query.includes('after=p_2') && !failed) {
        failed = true;
        return { status: 500, body: {} };
      }
      return projectPages(req);
    });
    expect(await walk(projects().list({ limit: 2 }, { maxRetries: 1 }))).toHaveLength(6);
    expect(rec.requests.map(queryOf)).toEqual(['limit=2', 'limit=2&after=p_2', 'limit=2&after=p_2', 'limit=2&after=p_4']);
    failed = false;
    rec.reset();
    rec.setFallback((req) => (req.query.includes('after=p_2') ? { status: 500, body: {} } : projectPages(req)));
    await expect(walk(projects().list({ limit: 2 }, { maxRetries: 0 }))).rejects.toMatchObject({ status: 500 });
  });
});

describe('timeout', () => {
  it('limits a plain method, a list method and a later page', async () => {
    rec.setFallback((req) => ({ ...projectPages(req), delayMs: req.query.includes('after=p_2') || req.path.endsWith('/slow') ? 1000 : 0 }));
    const client = make({ timeout: 60_000 });
    await expect(client.admin.organization.projects.retrieve('slow', { timeout: 50 })).rejects.toMatchObject({ name: 'APIConnectionTimeoutError' });
    await expect(client.admin.organization.projects.list({ limit: 2 }, { timeout: 50, path: '/organization/projects/slow' })).rejects.toMatchObject({ name: 'APIConnectionTimeoutError' });
    await expect(walk(client.admin.organization.projects.list({ limit: 2 }, { timeout: 200 }))).rejects.toMatchObject({ name: 'APIConnectionTimeoutError' });
    // The first page answered in time; the second did not.
    expect(rec.requests.map(queryOf).slice(-2)).toEqual(['limit=2', 'limit=2&after=p_2']);
  });
});

describe('signal', () => {
  it('aborts a plain method and a list method before anything is sent, and a walk between pages', async () => {
    rec.setFallback(projectPages);
    const aborted = AbortSignal.abort();
    await expect(projects().retrieve('proj_1', { signal: aborted })).rejects.toMatchObject({ name: 'APIUserAbortError' });
    await expect(projects().list({}, { signal: aborted })).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(rec.requests).toHaveLength(0);
    const controller = new AbortController();
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const item of projects().list({ limit: 2 }, { signal: controller.signal })) {
          seen.push(item);
          if (seen.length === 2) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(seen).toHaveLength(2);
    expect(rec.requests).toHaveLength(1);
  });
});

describe('idempotencyKey', () => {
  it('replaces the generated key of a write, on every retry', async () => {
    rec.enqueue({ status: 500, body: {} }, { body: project });
    await projects().create({ name: 'n' }, { idempotencyKey: 'idem-1', maxRetries: 1 });
    expect(rec.requests.map((r) => r.headers['idempotency-key'])).toEqual(['idem-1', 'idem-1']);
  });
  // Reads (every GET list) carry no Idempotency-Key, as in openai-node; the runtime test covers a POST list's pages.
});

describe('fetchOptions', () => {
  it('reach fetch for a plain method, a list method and every later page, over the client’s own', async () => {
    rec.setFallback((req) => (req.path.startsWith('/organization/projects/') ? { body: project } : projectPages(req)));
    const client = make({ fetchOptions: { probe: 'client', keepalive: false } });
    await client.admin.organization.projects.retrieve('proj_1', { fetchOptions: { probe: 'plain' } });
    await client.admin.organization.projects.list({ limit: 2 });
    await walk(client.admin.organization.projects.list({ limit: 2 }, { fetchOptions: { probe: 'walk' } }));
    const probes = inits.map((i) => [(i as Record<string, unknown>)['probe'], i.keepalive]);
    expect(probes).toEqual([['plain', false], ['client', false], ['walk', false], ['walk', false], ['walk', false]]);
    // The request's own fields are not overridden.
    expect(inits.every((i) => i.method === 'GET' && i.signal instanceof AbortSignal)).toBe(true);
  });
});

describe('every method honours every option', () => {
  const ops = spec.operations;
  const call = (op: (typeof ops)[number], options: Record<string, unknown>, client = make()) => invoke(client, op, callArgs(op, spec, 'required'), options) as Promise<unknown>;
  const slug = (key: string) => key.replace(/\./g, '-');

  it('has all 119 operations', () => {
    expect(ops).toHaveLength(119);
  });

  it('path, query, body, headers, idempotencyKey, fetchOptions and maxRetries reach each request', async () => {
    // The first attempt at each path fails, so maxRetries: 1 shows up as a second request.
    const attempts = new Map<string, number>();
    rec.setFallback((req) => {
      const n = (attempts.get(req.path) ?? 0) + 1;
      attempts.set(req.path, n);
      return n === 1 ? { status: 500, body: {} } : { body: { object: 'list', data: [], has_more: false } };
    });
    const client = make({ fetchOptions: { probe: 'client' } });
    await Promise.all(
      ops.map((op) =>
        call(
          op,
          {
            path: `/opts/${slug(op.key)}`,
            query: { probe: op.key },
            headers: { 'x-probe': op.key },
            idempotencyKey: `idem-${op.key}`,
            fetchOptions: { probe: op.key },
            maxRetries: 1,
            ...(op.httpMethod === 'get' ? {} : { body: op.body && !op.body.flattened ? undefined : { probe: op.key } }),
          },
          client,
        ),
      ),
    );
    for (const op of ops) {
      const reqs = rec.requests.filter((r) => r.path === `/opts/${slug(op.key)}`);
      expect(reqs, op.key).toHaveLength(2);
      for (const r of reqs) {
        expect(r.method, op.key).toBe(op.httpMethod.toUpperCase());
        expect(queryOf(r), op.key).toContain(`probe=${op.key}`);
        expect(r.headers['x-probe'], op.key).toBe(op.key);
        expect(r.headers['idempotency-key'], op.key).toBe(op.httpMethod === 'get' ? undefined : `idem-${op.key}`);
        if (op.httpMethod !== 'get' && (!op.body || op.body.flattened)) expect((r.json() as Record<string, unknown>)['probe'], op.key).toBe(op.key);
      }
    }
    const probes = inits.map((i) => (i as Record<string, unknown>)['probe']);
    for (const op of ops) expect(probes.filter((p) => p === op.key), op.key).toHaveLength(2);
  });

  it('timeout limits each request', async () => {
    rec.setFallback(() => ({ delayMs: 2000, body: {} }));
    const results = await Promise.allSettled(ops.map((op) => call(op, { timeout: 100, path: `/slow/${slug(op.key)}` }, make({ timeout: 60_000 }))));
    const names = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'resolved'));
    expect(new Set(names)).toEqual(new Set(['APIConnectionTimeoutError']));
  });

  it('an aborted signal stops each request before it is sent', async () => {
    const signal = AbortSignal.abort();
    const results = await Promise.allSettled(ops.map((op) => call(op, { signal })));
    expect(new Set(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'resolved')))).toEqual(new Set(['APIUserAbortError']));
    expect(rec.requests).toHaveLength(0);
  });
});
