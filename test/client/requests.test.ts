/**
 * Exact requests of the generated client against a local node:http recorder:
 * where the positional and params-object values land (path, query, body),
 * bracket arrays and deepObject query encoding, auth and env defaults, and a
 * page-token walk through a generated method.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { callArgs, invoke, loadRealSpec, realClientEntry } from './support.js';

const spec = loadRealSpec();
let rec: Recorder;
// The generated package is plain JS at run time; the type tests cover its types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let Client: new (options?: Record<string, unknown>) => any;

beforeAll(async () => {
  rec = await startRecorder();
  Client = ((await import(pathToFileURL(realClientEntry()).href)) as { default: typeof Client }).default;
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

const make = (extra: Record<string, unknown> = {}) => new Client({ adminAPIKey: 'sk-admin-secret', baseURL: rec.url, maxRetries: 0, ...extra });

describe('argument placement', () => {
  it('puts the last path param positionally and the parent path param from params into the path', async () => {
    await make().admin.organization.projects.users.retrieve('user_1', { project_id: 'proj_1' });
    const req = rec.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/organization/projects/proj_1/users/user_1');
    expect(req.body).toBe('');
  });

  it('sends body fields as JSON and keeps path params out of the body', async () => {
    await make().admin.organization.projects.users.update('user_1', { project_id: 'proj_1', role: 'owner' });
    const req = rec.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/organization/projects/proj_1/users/user_1');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json()).toEqual({ role: 'owner' });
  });

  it('never refuses a value outside a range the API states only in prose (the server decides)', async () => {
    rec.setFallback(() => ({ body: { object: 'list', data: [], has_more: false } }));
    await make().admin.organization.projects.list({ limit: 0 });
    await make().admin.organization.projects.list({ limit: 500 });
    expect(rec.requests.map((r) => r.url)).toEqual(['/organization/projects?limit=0', '/organization/projects?limit=500']);
  });

  it('needs no params object when nothing in it is required', async () => {
    await make().admin.organization.adminAPIKeys.list();
    await make().admin.organization.projects.rateLimits.listRateLimits('proj_1');
    expect(rec.requests.map((r) => r.url)).toEqual(['/organization/admin_api_keys', '/organization/projects/proj_1/rate_limits']);
  });

  it('encodes bracket arrays and deepObject params under their wire names', async () => {
    await make().admin.organization.auditLogs.list({
      effective_at: { gt: 1, lte: 2 },
      project_ids: ['proj_a', 'proj_b'],
      event_types: ['project.created'],
      limit: 5,
    });
    const query = decodeURIComponent(rec.requests[0]!.query).split('&').sort();
    expect(query).toEqual(['effective_at[gt]=1', 'effective_at[lte]=2', 'event_types[]=project.created', 'limit=5', 'project_ids[]=proj_a', 'project_ids[]=proj_b']);
  });

  it('repeats plain array query params without brackets where the wire name has none', async () => {
    await make().admin.organization.usage.costs({ start_time: 10, project_ids: ['p1', 'p2'], group_by: ['project_id'] });
    const query = decodeURIComponent(rec.requests[0]!.query).split('&').sort();
    expect(query).toEqual(['group_by=project_id', 'project_ids=p1', 'project_ids=p2', 'start_time=10']);
  });
});

describe('every operation', () => {
  it.each(spec.operations.map((op) => [op.key, op] as const))('%s sends its verb and path, with params only where they belong', async (_key, op) => {
    rec.reset();
    const args = callArgs(op, spec, 'all');
    const result = invoke(make(), op, args) as Promise<unknown>;
    await result;
    const req = rec.requests[0]!;
    expect(req.method).toBe(op.httpMethod.toUpperCase());
    const values: Record<string, unknown> = { ...(args.params ?? {}) };
    const pathParams = op.params.filter((p) => p.in === 'path');
    if (args.positional !== undefined) values[pathParams[pathParams.length - 1]!.name] = args.positional;
    const expectedPath = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(values[name])));
    expect(req.path).toBe(expectedPath);
    const queryWire = new Set(op.params.filter((p) => p.in === 'query').map((p) => p.wireName));
    for (const part of req.query ? req.query.split('&') : []) {
      const key = decodeURIComponent(part.split('=')[0]!);
      const base = key.endsWith('[]') ? key : key.replace(/\[[^\]]*\]$/, '');
      expect(queryWire.has(base) || queryWire.has(key), `query key ${key} of ${op.key}`).toBe(true);
    }
    const bodyWire = new Set(op.params.filter((p) => p.in === 'body').map((p) => p.wireName));
    if (op.body?.flattened) {
      const body = req.json() as Record<string, unknown>;
      expect(Object.keys(body).every((k) => bodyWire.has(k)), `body keys ${Object.keys(body)} of ${op.key}`).toBe(true);
      expect(Object.keys(body).length).toBe(bodyWire.size);
    } else if (!op.body) {
      expect(req.body).toBe('');
    }
  });
});

describe('auth and environment', () => {
  it('sends the key as a bearer token', async () => {
    await make().admin.organization.adminAPIKeys.retrieve('key_1');
    expect(rec.requests[0]!.headers['authorization']).toBe('Bearer sk-admin-secret');
    expect(rec.requests[0]!.url).toBe('/organization/admin_api_keys/key_1');
  });

  it('reads the key and base URL from the environment named in the IR', async () => {
    const auth = spec.auth[0]!;
    const saved = { key: process.env[auth.envVar], base: process.env[spec.packages.baseURLEnv] };
    process.env[auth.envVar] = 'sk-from-env';
    process.env[spec.packages.baseURLEnv] = rec.url;
    try {
      const client = new Client({ maxRetries: 0 });
      expect(client.baseURL).toBe(rec.url);
      await client.admin.organization.adminAPIKeys.retrieve('key_1');
      expect(rec.requests[0]!.headers['authorization']).toBe('Bearer sk-from-env');
    } finally {
      for (const [name, value] of [[auth.envVar, saved.key], [spec.packages.baseURLEnv, saved.base]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('defaults the base URL to the spec server and fails clearly without a key', () => {
    const auth = spec.auth[0]!;
    const saved = { key: process.env[auth.envVar], base: process.env[spec.packages.baseURLEnv] };
    delete process.env[auth.envVar];
    delete process.env[spec.packages.baseURLEnv];
    try {
      expect(new Client({ adminAPIKey: 'k' }).baseURL).toBe(spec.info.baseURL);
      expect(() => new Client({})).toThrow(new RegExp(`${auth.clientOption}.*${auth.envVar}`));
    } finally {
      if (saved.key !== undefined) process.env[auth.envVar] = saved.key;
      if (saved.base !== undefined) process.env[spec.packages.baseURLEnv] = saved.base;
    }
  });
});

describe('pagination through a generated method', () => {
  it('walks usage pages with page → next_page and stops when has_more is false', async () => {
    const bucket = (n: number) => ({ object: 'bucket', start_time: n, end_time: n + 1, results: [] });
    rec.enqueue(
      { body: { object: 'page', data: [bucket(1), bucket(2)], has_more: true, next_page: 'page_2' } },
      { body: { object: 'page', data: [bucket(3)], has_more: false, next_page: null } },
    );
    const seen: number[] = [];
    for await (const b of make().admin.organization.usage.costs({ start_time: 1 })) seen.push((b as { start_time: number }).start_time);
    expect(seen).toEqual([1, 2, 3]);
    expect(rec.requests.map((r) => decodeURIComponent(r.query))).toEqual(['start_time=1', 'start_time=1&page=page_2']);
  });
});

describe('withOptions', () => {
  it('returns a new client with some options changed, the key and the rest kept, the original untouched', async () => {
    const other = await startRecorder();
    try {
      const base = make({ timeout: 60_000, defaultHeaders: { 'x-team': 'admins' } });
      const moved = base.withOptions({ baseURL: other.url, timeout: 5_000 });
      expect(moved).toBeInstanceOf(Client);
      expect(moved).not.toBe(base);
      expect([moved.timeout, base.timeout]).toEqual([5_000, 60_000]);
      expect(moved.maxRetries).toBe(0);
      await moved.admin.organization.projects.retrieve('proj_1');
      await base.admin.organization.projects.retrieve('proj_1');
      expect(other.requests.length).toBe(1);
      expect(rec.requests.length).toBe(1);
      for (const req of [other.requests[0]!, rec.requests[0]!]) {
        expect(req.headers['authorization']).toBe('Bearer sk-admin-secret');
        expect(req.headers['x-team']).toBe('admins');
      }
      // The key stays out of anything printed or serialized.
      expect(inspect(moved, { depth: 6 })).not.toContain('sk-admin-secret');
      const rekeyed = base.withOptions({ adminAPIKey: 'sk-admin-other' });
      await rekeyed.admin.organization.projects.retrieve('proj_1');
      expect(rec.requests[1]!.headers['authorization']).toBe('Bearer sk-admin-other');
    } finally {
      await other.close();
    }
  });
});
