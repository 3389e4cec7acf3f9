import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIClient, ClientError } from '../../runtime/client/index.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import {
  KEY,
  META,
  createProject,
  deleteUser,
  listAuditLogs,
  makeClient,
  retrieveProjectUser,
  updateRateLimit,
} from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

describe('paths', () => {
  it('substitutes and percent-encodes path params, keeping the base URL path', async () => {
    const client = makeClient(`${rec.url}/v1/`);
    await client.request(retrieveProjectUser, { project_id: 'proj/1 x', user_id: 'user?#%' });
    expect(rec.requests[0]!.url).toBe('/v1/organization/projects/proj%2F1%20x/users/user%3F%23%25');
  });

  it('a missing path param is a clear error and sends nothing', async () => {
    const client = makeClient(rec.url);
    const p = client.request(retrieveProjectUser, { project_id: 'proj_1' });
    await expect(p).rejects.toBeInstanceOf(ClientError);
    await expect(p).rejects.toThrow(/Missing required path parameter "user_id" for admin\.organization\.projects\.users\.retrieve/);
    await expect(client.request(retrieveProjectUser, { project_id: '', user_id: 'u' })).rejects.toThrow(/"project_id"/);
    expect(rec.requests).toHaveLength(0);
  });
});

describe('bodies', () => {
  it('sends flattened fields as JSON under their JSON keys, dropping undefined and keeping null', async () => {
    const op = { ...createProject, body: { contentType: 'application/json', fields: { name: 'name', geography: 'geo', externalKeyID: 'external_key_id' } } };
    const client = makeClient(rec.url);
    await client.request(op, { name: 'P', geography: undefined, externalKeyID: null });
    const req = rec.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body).toBe('{"name":"P","external_key_id":null}');
  });

  it('sends the `whole` param as the entire body and path params separately', async () => {
    const client = makeClient(rec.url);
    await client.request(updateRateLimit, { project_id: 'p', rate_limit_id: 'rl', body: { max_requests_per_1_minute: 5 } });
    expect(rec.requests[0]!.url).toBe('/organization/projects/p/rate_limits/rl');
    expect(rec.requests[0]!.json()).toEqual({ max_requests_per_1_minute: 5 });
  });

  it('an all-optional body op with no params sends {}', async () => {
    const client = makeClient(rec.url);
    await client.request(createProject);
    expect(rec.requests[0]!.body).toBe('{}');
  });

  it('GET and DELETE without a body send no content-type', async () => {
    const client = makeClient(rec.url);
    await client.request(deleteUser, { user_id: 'u1' });
    expect(rec.requests[0]!.method).toBe('DELETE');
    expect(rec.requests[0]!.headers['content-type']).toBeUndefined();
    expect(rec.requests[0]!.body).toBe('');
  });
});

describe('headers', () => {
  it('sends bearer auth, user agent, accept; default and per-request headers merge, null removes', async () => {
    const client = makeClient(rec.url, { defaultHeaders: { 'x-team': 'a', 'x-drop': 'd' } });
    await client.request(listAuditLogs, {}, { headers: { 'x-team': 'b', 'x-drop': null } });
    const h = rec.requests[0]!.headers;
    expect(h['authorization']).toBe(`Bearer ${KEY}`);
    expect(h['user-agent']).toMatch(/^openai-admin\/0\.0\.0-test /);
    expect(h['accept']).toBe('application/json');
    expect(h['x-team']).toBe('b');
    expect(h['x-drop']).toBeUndefined();
  });

  it('operation header params go to their header names', async () => {
    const op = { ...listAuditLogs, headers: { openaiBeta: 'OpenAI-Beta' } };
    await makeClient(rec.url).request(op, { openaiBeta: 'v2' });
    expect(rec.requests[0]!.headers['openai-beta']).toBe('v2');
  });

  it('cookie params go in one Cookie header, after a default one; a per-request Cookie header replaces it', async () => {
    const op = { ...createProject, body: undefined, cookies: { sessionID: 'session_id', prefs: 'prefs', unset: 'u' } };
    const client = makeClient(rec.url, { defaultHeaders: { cookie: 'theme=dark' } });
    await client.request(op, { sessionID: 'a=b; c', prefs: ['x', 1], unset: undefined, name: 'not a cookie' });
    expect(rec.requests[0]!.headers['cookie']).toBe('theme=dark; session_id=a%3Db%3B%20c; prefs=x%2C1');
    expect(rec.requests[0]!.body).toBe('');
    await client.request(op, { sessionID: 's' }, { headers: { cookie: 'only=this' } });
    expect(rec.requests[1]!.headers['cookie']).toBe('only=this');
  });

  it('auth: false operations send no Authorization', async () => {
    await makeClient(rec.url).request({ ...listAuditLogs, auth: false });
    expect(rec.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('non-GET requests carry an Idempotency-Key, GET requests none; an explicit one is used', async () => {
    const client = makeClient(rec.url);
    await client.request(createProject, { name: 'a' });
    await client.request(createProject, { name: 'b' });
    await client.request(listAuditLogs);
    await client.request(createProject, { name: 'c' }, { idempotencyKey: 'mine-1' });
    const keys = rec.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^openai-admin-retry-[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^openai-admin-retry-/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeUndefined();
    expect(keys[3]).toBe('mine-1');
  });
});

describe('client options', () => {
  it('a missing key names the option and the env var', () => {
    expect(() => new APIClient({ baseURL: rec.url }, META)).toThrow(
      /Missing API key: pass the `adminAPIKey` option .* or by setting the OPENAI_ADMIN_KEY_TEST_UNSET environment variable/,
    );
    expect(() => new APIClient({ apiKey: '', baseURL: rec.url }, META)).toThrow(ClientError);
  });

  it('an API without an auth scheme needs no key and sends no Authorization', async () => {
    const client = new APIClient({ apiKey: null, baseURL: rec.url }, { packageName: 'noauth', version: '1', defaultBaseURL: rec.url });
    await client.request(listAuditLogs);
    expect(rec.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('reads the key and base URL from the environment named in meta', async () => {
    process.env['RUNTIME_TEST_KEY'] = 'env-key-123456';
    process.env['RUNTIME_TEST_BASE'] = `${rec.url}/from-env`;
    try {
      const client = new APIClient({}, { ...META, apiKeyEnv: 'RUNTIME_TEST_KEY', baseURLEnv: 'RUNTIME_TEST_BASE' });
      expect(client.baseURL).toBe(`${rec.url}/from-env`);
      await client.request(listAuditLogs);
      expect(rec.requests[0]!.url).toBe('/from-env/organization/audit_logs');
      expect(rec.requests[0]!.headers['authorization']).toBe('Bearer env-key-123456');
    } finally {
      delete process.env['RUNTIME_TEST_KEY'];
      delete process.env['RUNTIME_TEST_BASE'];
    }
  });

  it('header options (openai-node\'s `organization`): the option, else the env var, null for none, under defaultHeaders', async () => {
    const meta = { ...META, headerOptions: [{ option: 'organization', header: 'OpenAI-Organization', env: 'RUNTIME_TEST_ORG' }, { option: 'project', header: 'OpenAI-Project' }] };
    const options = (extra: object) => ({ apiKey: KEY, baseURL: rec.url, ...extra }) as ConstructorParameters<typeof APIClient>[0];
    process.env['RUNTIME_TEST_ORG'] = 'org-env';
    try {
      await new APIClient(options({ organization: 'org-given', project: 'proj-1' }), meta).request(listAuditLogs);
      expect([rec.requests[0]!.headers['openai-organization'], rec.requests[0]!.headers['openai-project']]).toEqual(['org-given', 'proj-1']);
      await new APIClient(options({}), meta).request(listAuditLogs);
      expect([rec.requests[1]!.headers['openai-organization'], rec.requests[1]!.headers['openai-project']]).toEqual(['org-env', undefined]);
      await new APIClient(options({ organization: null }), meta).request(listAuditLogs);
      expect(rec.requests[2]!.headers['openai-organization']).toBeUndefined();
      await new APIClient(options({ defaultHeaders: { 'OpenAI-Organization': 'org-default' } }), meta).request(listAuditLogs);
      expect(rec.requests[3]!.headers['openai-organization']).toBe('org-default');
    } finally {
      delete process.env['RUNTIME_TEST_ORG'];
    }
  });

  it('defaults: 10 minute timeout, 2 retries, meta base URL', () => {
    const client = new APIClient({ apiKey: KEY }, META);
    expect(client.timeout).toBe(600_000);
    expect(client.maxRetries).toBe(2);
    expect(client.baseURL).toBe(META.defaultBaseURL);
  });

  it('uses a custom fetch', async () => {
    const seen: string[] = [];
    const client = makeClient('http://example.invalid/v1', {
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
      },
    });
    expect(await client.request(listAuditLogs, { limit: 1 })).toEqual({ ok: true });
    expect(seen).toEqual(['http://example.invalid/v1/organization/audit_logs?limit=1']);
  });

  it('describeRequest shows the request with the key masked', () => {
    const d = makeClient('http://h/v1').describeRequest(createProject, { name: 'n' });
    expect(d.method).toBe('POST');
    expect(d.url).toBe('http://h/v1/organization/projects');
    expect(d.headers['authorization']).toBe('***');
    expect(d.body).toBe('{"name":"n"}');
  });
});
