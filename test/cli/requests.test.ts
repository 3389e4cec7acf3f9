/**
 * Exact requests from the real bin, seen by a local node:http recorder:
 * method, path, query encoding (repeated arrays, brackets, deepObject), and
 * bodies from flags, stdin and @file; plus auth, base URL, errors and timeouts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { freePort } from '../support/mock-server.js';
import { assertBuilt, runCli } from './support/cli.js';
import { repoRoot } from '../support/shared.js';

const KEY = 'sk-admin-REQUESTS-secret-42';
let rec: Recorder;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'cli-req-'));

beforeAll(async () => {
  assertBuilt();
  rec = await startRecorder();
  env = { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: rec.url };
});
afterAll(async () => {
  await rec?.close();
});
beforeEach(() => {
  rec.reset();
  rec.setFallback(() => ({ body: { object: 'list', data: [], has_more: false } }));
});

async function ok(args: string[], input?: string) {
  const res = await runCli([...args, '--max-retries', '0'], { env, input });
  expect(res.code, res.stderr).toBe(0);
  return res;
}

describe('query encoding', () => {
  it('sends repeated bracket arrays, deepObject and booleans for audit logs', async () => {
    await ok([
      'admin:organization:audit-logs', 'list',
      '--event-type', 'project.created', '--event-type', 'user.added',
      '--project-id', 'proj_1', '--project-id', 'proj 2',
      '--effective-at.gt', '1730419200', '--effective-at.lte', '1730505600',
      '--tenant-only', '--limit', '5',
    ]);
    expect(rec.requests).toHaveLength(1);
    const r = rec.requests[0]!;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/organization/audit_logs');
    const pairs = [...new URLSearchParams(r.query)];
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['event_types[]', 'project.created'],
        ['event_types[]', 'user.added'],
        ['project_ids[]', 'proj_1'],
        ['project_ids[]', 'proj 2'],
        ['effective_at[gt]', '1730419200'],
        ['effective_at[lte]', '1730505600'],
        ['tenant_only', 'true'],
        ['limit', '5'],
      ]),
    );
    expect(pairs).toHaveLength(8);
  });

  it('accepts an object flag in YAML flow form and --flag=value', async () => {
    await ok(['admin:organization:audit-logs', 'list', '--effective-at={gt: 0, lt: 10}', '--tenant-only=false']);
    expect([...new URLSearchParams(rec.requests[0]!.query)]).toEqual(
      expect.arrayContaining([
        ['effective_at[gt]', '0'],
        ['effective_at[lt]', '10'],
        ['tenant_only', 'false'],
      ]),
    );
  });

  it('accepts the plural alias, a flow list, --no-<bool>, and global flags after the command', async () => {
    await ok(['admin:organization:audit-logs', 'list', '--event-types', 'user.added', '--actor-id', '[a1, a2]', '--no-tenant-only', '--format', 'json']);
    expect([...new URLSearchParams(rec.requests[0]!.query)]).toEqual(
      expect.arrayContaining([
        ['event_types[]', 'user.added'],
        ['actor_ids[]', 'a1'],
        ['actor_ids[]', 'a2'],
        ['tenant_only', 'false'],
      ]),
    );
  });

  it('repeats form-style arrays without brackets for usage', async () => {
    rec.setFallback(() => ({ body: { object: 'page', data: [], has_more: false, next_page: null } }));
    await ok(['admin:organization:usage', 'completions', '--start-time', '1730419200', '--project-id', 'a', '--project-id', 'b', '--group-by', 'model']);
    const r = rec.requests[0]!;
    expect(r.path).toBe('/organization/usage/completions');
    expect([...new URLSearchParams(r.query)]).toEqual([
      ['start_time', '1730419200'],
      ['project_ids', 'a'],
      ['project_ids', 'b'],
      ['group_by', 'model'],
    ]);
  });

  it('puts path params in the path, percent-encoded, from a flag or the argument', async () => {
    rec.setFallback(() => ({ body: { object: 'organization.project.user', id: 'u' } }));
    await ok(['admin:organization:projects:users', 'retrieve', '--project-id', 'proj/1', 'user 1']);
    await ok(['admin:organization:projects:users', 'retrieve', '--project-id', 'p', '--user-id', 'u2']);
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /organization/projects/proj%2F1/users/user%201',
      'GET /organization/projects/p/users/u2',
    ]);
  });
});

describe('request bodies', () => {
  it('builds the JSON body from typed flags', async () => {
    rec.setFallback(() => ({ body: { id: 'key_1', object: 'organization.admin_api_key' } }));
    await ok(['admin:organization:admin-api-keys', 'create', '--name', 'CI key', '--expires-in-seconds', '3600']);
    const r = rec.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/organization/admin_api_keys');
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.json()).toEqual({ name: 'CI key', expires_in_seconds: 3600 });
  });

  it('repeats an array-of-objects flag and takes dotted object flags', async () => {
    await ok([
      'admin:organization:invites', 'create', '--email', 'a@example.com', '--role', 'reader',
      '--project', '{id: proj_1, role: member}', '--project', '{"id": "proj_2", "role": "owner"}',
    ]);
    expect(rec.requests[0]!.json()).toEqual({
      email: 'a@example.com',
      role: 'reader',
      projects: [
        { id: 'proj_1', role: 'member' },
        { id: 'proj_2', role: 'owner' },
      ],
    });
    rec.reset();
    await ok([
      'admin:organization:spend-alerts', 'create', '--threshold-amount', '150000', '--currency', 'USD', '--interval', 'month',
      '--notification-channel.type', 'email', '--notification-channel.recipients', 'a@example.com',
    ]);
    const body = rec.requests[0]!.json() as Record<string, unknown>;
    expect(body['threshold_amount']).toBe(150000);
    expect((body['notification_channel'] as Record<string, unknown>)['type']).toBe('email');
  });

  it('names object fields in kebab case, as the official CLI does, and keeps the JSON key as an alias', async () => {
    const alert = ['admin:organization:spend-alerts', 'update', 'alert_1', '--threshold-amount', '1', '--currency', 'USD', '--interval', 'month'];
    const channel = ['--notification-channel.type', 'email', '--notification-channel.recipients', 'a@example.com'];
    await ok([...alert, ...channel, '--notification-channel.subject-prefix', '[kebab]']);
    await ok([...alert, ...channel, '--notification-channel.subject_prefix', '[snake]']);
    await ok([...alert, '--notification-channel', '{type: email, recipients: [a@example.com], subject-prefix: "[flow]"}']);
    await ok(['admin:organization:audit-logs', 'list', '--effective-at.gte', '0', '--effective-at.lt', '10']);
    const channels = rec.requests.slice(0, 3).map((r) => (r.json() as Record<string, unknown>)['notification_channel']);
    expect(channels).toEqual(['[kebab]', '[snake]', '[flow]'].map((subject_prefix) => ({ type: 'email', recipients: ['a@example.com'], subject_prefix })));
    expect(decodeURIComponent(rec.requests[3]!.query)).toBe('effective_at[gte]=0&effective_at[lt]=10');
  });

  it('types dotted boolean fields, bare or with =false, next to flow objects', async () => {
    await ok([
      'admin:organization:projects:hosted-tool-permissions', 'update', '--project-id', 'proj_1',
      '--file-search.enabled', '--web-search.enabled=false', '--mcp', '{enabled: true}',
    ]);
    const r = rec.requests[0]!;
    expect(`${r.method} ${r.path}`).toBe('POST /organization/projects/proj_1/hosted_tool_permissions');
    expect(r.json()).toEqual({ file_search: { enabled: true }, web_search: { enabled: false }, mcp: { enabled: true } });
  });

  it('reads the body as JSON from stdin (--data - and plain pipe)', async () => {
    await ok(['admin:organization:admin-api-keys', 'create', '--data', '-'], '{"name": "from stdin", "expires_in_seconds": 60}');
    await ok(['admin:organization:admin-api-keys', 'create'], '{"name": "piped"}');
    expect(rec.requests.map((r) => r.json())).toEqual([{ name: 'from stdin', expires_in_seconds: 60 }, { name: 'piped' }]);
  });

  it('does not wait for stdin when the body comes from flags, even if the parent leaves stdin open', async () => {
    const res = await runCli(['admin:organization:admin-api-keys', 'create', '--name', 'flags only', '--max-retries', '0'], { env, openStdin: true, timeoutMs: 10_000 });
    expect(res.code, res.stderr).toBe(0);
    expect(rec.requests.map((r) => r.json())).toEqual([{ name: 'flags only' }]);
  });

  it('reads YAML or JSON from @file, and flags override its fields', async () => {
    const yamlFile = join(dir, 'body.yaml');
    writeFileSync(yamlFile, 'name: from yaml\nexpires_in_seconds: 10\n');
    const jsonFile = join(dir, 'body.json');
    writeFileSync(jsonFile, JSON.stringify({ name: 'from json' }));
    await ok(['admin:organization:admin-api-keys', 'create', '--data', `@${yamlFile}`, '--expires-in-seconds', '99']);
    await ok(['admin:organization:admin-api-keys', 'create', `--data=@${jsonFile}`]);
    expect(rec.requests.map((r) => r.json())).toEqual([{ name: 'from yaml', expires_in_seconds: 99 }, { name: 'from json' }]);
  });

  it('sends an inline --data body with the required field supplied by it', async () => {
    await ok(['admin:organization:certificates', 'activate', '--data', '{certificate_ids: [c1, c2]}']);
    await ok(['admin:organization:certificates', 'activate', '--certificate-id', 'c3', '--certificate-id', 'c4']);
    expect(rec.requests.map((r) => r.json())).toEqual([{ certificate_ids: ['c1', 'c2'] }, { certificate_ids: ['c3', 'c4'] }]);
  });
});

describe('auth, base URL and errors', () => {
  it('sends the key as a bearer token and --base-url beats the env', async () => {
    const other = await startRecorder({ fallback: () => ({ body: { object: 'list', data: [], has_more: false } }) });
    try {
      const res = await runCli(['--base-url', other.url, 'admin:organization:projects', 'list', '--admin-api-key', 'sk-admin-flag-key-777'], { env });
      expect(res.code, res.stderr).toBe(0);
      expect(rec.requests).toHaveLength(0);
      expect(other.requests[0]!.headers['authorization']).toBe('Bearer sk-admin-flag-key-777');
      expect(res.stdout + res.stderr).not.toContain('sk-admin-flag-key-777');
    } finally {
      await other.close();
    }
  });

  it('exits 1 with status, API message and request id on an API error, key redacted', async () => {
    rec.setFallback(() => ({
      status: 404,
      headers: { 'x-request-id': 'req_abc123' },
      body: { error: { message: `No project proj_x (key ${KEY})`, type: 'invalid_request_error', code: null, param: null } },
    }));
    const res = await runCli(['admin:organization:projects', 'retrieve', 'proj_x', '--max-retries', '0'], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('404');
    expect(res.stderr).toContain('No project proj_x');
    expect(res.stderr).toContain('req_abc123');
    expect(res.stderr).toContain('NotFoundError');
    expect(res.stdout + res.stderr).not.toContain(KEY);
    expect(res.stdout).toBe('');
  });

  it('exits 1 on a connection error', async () => {
    const port = await freePort();
    const res = await runCli(['admin:organization:projects', 'list', '--max-retries', '0', '--base-url', `http://127.0.0.1:${port}`], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/error: .*connection/i);
  });

  it('exits 1 when --timeout expires', async () => {
    rec.setFallback(() => ({ delayMs: 3000, body: {} }));
    const res = await runCli(['admin:organization:projects', 'list', '--timeout', '200ms', '--max-retries', '0'], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/timed out|timeout/i);
  });
});

describe('--dry-run and --debug', () => {
  it('prints the exact request without sending it, key redacted', async () => {
    const res = await ok(['admin:organization:admin-api-keys', 'create', '--name', 'x y', '--dry-run']);
    expect(rec.requests).toHaveLength(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe(`POST ${rec.url}/organization/admin_api_keys`);
    expect(lines).toContain('authorization: Bearer [REDACTED]');
    expect(lines).toContain('content-type: application/json');
    expect(JSON.parse(res.stdout.slice(res.stdout.indexOf('\n\n') + 2))).toEqual({ name: 'x y' });
    expect(res.stdout + res.stderr).not.toContain(KEY);
  });

  it('prints the request as JSON with --format json, including the query', async () => {
    const res = await ok(['admin:organization:audit-logs', 'list', '--event-type', 'project.created', '--dry-run', '--format', 'json']);
    expect(rec.requests).toHaveLength(0);
    const r = JSON.parse(res.stdout) as { method: string; url: string; headers: Record<string, string> };
    expect(r.method).toBe('GET');
    expect(r.url).toBe(`${rec.url}/organization/audit_logs?event_types[]=project.created`);
    expect(r.headers['authorization']).toBe('Bearer [REDACTED]');
  });

  it('shows the same request that is really sent', async () => {
    const args = ['admin:organization:audit-logs', 'list', '--event-type', 'user.added', '--effective-at.gt', '5', '--limit', '2'];
    const dry = JSON.parse((await ok([...args, '--dry-run', '--format', 'json'])).stdout) as { method: string; url: string; headers: Record<string, string> };
    await ok(args);
    const sent = rec.requests[0]!;
    expect(dry.method).toBe(sent.method);
    expect(dry.url).toBe(rec.url + sent.url);
    for (const [name, value] of Object.entries(dry.headers)) {
      expect(sent.headers[name], name).toBe(name === 'authorization' ? `Bearer ${KEY}` : value);
    }
    const post = ['admin:organization:admin-api-keys', 'create', '--name', 'n', '--expires-in-seconds', '5'];
    const dryPost = JSON.parse((await ok([...post, '--dry-run', '--format', 'json'])).stdout) as { body: unknown; headers: Record<string, string> };
    await ok(post);
    expect(dryPost.body).toEqual(rec.requests[1]!.json());
    expect(dryPost.headers['content-type']).toBe(rec.requests[1]!.headers['content-type']);
  });

  it('works without a key (placeholder, still redacted)', async () => {
    const res = await runCli(['admin:organization:projects', 'list', '--dry-run'], { env: { OPENAI_BASE_URL: rec.url } });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`GET ${rec.url}/organization/projects`);
    expect(res.stdout).toContain('Bearer [REDACTED]');
  });

  it('--debug logs request and response on stderr with the key redacted', async () => {
    rec.setFallback(() => ({ headers: { 'x-request-id': 'req_dbg' }, body: { object: 'list', data: [{ id: 'p1', echo: KEY }], has_more: false } }));
    const res = await ok(['admin:organization:projects', 'list', '--debug']);
    expect(res.stderr).toContain(`> GET ${rec.url}/organization/projects`);
    expect(res.stderr).toContain('> authorization: Bearer [REDACTED]');
    expect(res.stderr).toContain('< 200');
    expect(res.stderr).toContain('x-request-id: req_dbg');
    expect(res.stdout + res.stderr).not.toContain(KEY);
    expect(JSON.parse(res.stdout).data[0].id).toBe('p1');
  });
});

describe('header options (the openai target: organization, project)', () => {
  const openaiBin = join(repoRoot, 'generated/openai/cli/bin/openai-tri.js');
  const run = (args: string[], extra: Record<string, string> = {}) =>
    runCli([...args, '--max-retries', '0'], { bin: openaiBin, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: rec.url, ...extra } });

  it('--organization and --project send the OpenAI-Organization and OpenAI-Project headers, before or after the command', async () => {
    const res = await run(['--organization', 'org_flag', 'models', 'list', '--project', 'proj_flag']);
    expect(res.code, res.stderr).toBe(0);
    expect(rec.requests[0]!.headers['openai-organization']).toBe('org_flag');
    expect(rec.requests[0]!.headers['openai-project']).toBe('proj_flag');
  });

  it('takes them from OPENAI_ORG_ID and OPENAI_PROJECT_ID, a flag over its env var, and sends none when neither is set', async () => {
    expect((await run(['models', 'list'], { OPENAI_ORG_ID: 'org_env', OPENAI_PROJECT_ID: 'proj_env' })).code).toBe(0);
    expect((await run(['models', 'list', '--organization', 'org_flag'], { OPENAI_ORG_ID: 'org_env' })).code).toBe(0);
    expect((await run(['models', 'list'])).code).toBe(0);
    const [fromEnv, flagOverEnv, none] = rec.requests;
    expect([fromEnv!.headers['openai-organization'], fromEnv!.headers['openai-project']]).toEqual(['org_env', 'proj_env']);
    expect(flagOverEnv!.headers['openai-organization']).toBe('org_flag');
    expect([none!.headers['openai-organization'], none!.headers['openai-project']]).toEqual([undefined, undefined]);
  });

  it('lists them in --help, and a command flag of the same name gives way (invites create takes --projects)', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/--organization VALUE\s+Sent as the OpenAI-Organization header \(default: env OPENAI_ORG_ID\)\./);
    expect(help.stdout).toMatch(/--project VALUE\s+Sent as the OpenAI-Project header \(default: env OPENAI_PROJECT_ID\)\./);
    const res = await run(['admin:organization:invites', 'create', '--email', 'a@b.c', '--role', 'reader', '--projects', '{id: proj_1, role: member}', '--project', 'proj_hdr'], { OPENAI_ADMIN_KEY: 'sk-admin' });
    expect(res.code, res.stderr).toBe(0);
    const r = rec.requests[0]!;
    expect(JSON.parse(r.body)).toEqual({ email: 'a@b.c', role: 'reader', projects: [{ id: 'proj_1', role: 'member' }] });
    expect(r.headers['openai-project']).toBe('proj_hdr');
  });
});
