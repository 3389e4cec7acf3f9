/**
 * An API with two security schemes (as the full OpenAI API has: a project key
 * for most endpoints, an admin key for /organization): the generated client
 * takes one option per scheme and each operation sends the key it accepts;
 * the CLI and MCP server pass every key they find in the environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { replaceDirectory } from '../../generator/write.js';
import { buildClient, typecheckClient } from '../../generator/build/client.js';
import { buildCli } from '../../generator/build/cli.js';
import { buildMcp } from '../../generator/build/mcp.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { repoRoot } from '../support/shared.js';

const run = promisify(execFile);

const DOC = `
openapi: 3.0.3
info: { title: Two Keys, version: '1' }
servers: [{ url: 'https://api.example.com/v1' }]
components:
  securitySchemes:
    AdminKey: { type: http, scheme: bearer }
    ProjectKey: { type: apiKey, in: header, name: X-Project-Key }
security: [{ ProjectKey: [] }]
paths:
  /things:
    get:
      operationId: listThings
      responses: { '200': { description: ok, content: { application/json: { schema: { type: object } } } } }
  /organization/settings:
    get:
      operationId: getSettings
      security: [{ AdminKey: [] }]
      responses: { '200': { description: ok, content: { application/json: { schema: { type: object } } } } }
  /either:
    get:
      operationId: getEither
      security: [{ AdminKey: [] }, { ProjectKey: [] }]
      responses: { '200': { description: ok, content: { application/json: { schema: { type: object } } } } }
`;

let rec: Recorder;
// The built package is plain JS at run time; its types are checked by typecheckClient below.
let Client: new (options?: Record<string, unknown>) => any;
// Inside the repo, so the builds resolve the repo's node_modules (the MCP SDK is bundled).
const dir = join(repoRoot, '.tmp/test-multi-auth');
const pkgs = join(dir, 'generated');

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'two-keys.yaml');
  writeFileSync(file, DOC);
  const { spec } = await importDocument({ from: file, target: 'two-keys', root: join(dir, 'root'), relock: true });
  // The document's order: its root security names ProjectKey.
  expect(spec.auth.map((a) => [a.name, a.clientOption, a.envVar])).toEqual([
    ['ProjectKey', 'projectKey', 'TWO_KEYS_PROJECT_KEY'],
    ['AdminKey', 'adminKey', 'TWO_KEYS_ADMIN_KEY'],
  ]);
  replaceDirectory(pkgs, emitAll(spec));
  expect(typecheckClient(join(pkgs, 'client'))).toEqual([]);
  await buildClient(join(pkgs, 'client'));
  await Promise.all([buildCli(join(pkgs, 'cli')), buildMcp(join(pkgs, 'mcp'))]);
  Client = ((await import(pathToFileURL(join(pkgs, 'client/dist/index.js')).href)) as { default: typeof Client }).default;
  rec = await startRecorder();
}, 120_000);
afterAll(() => rec?.close());

describe('a client for an API with two security schemes', () => {
  it('sends each operation the key it accepts, in the scheme’s own form', async () => {
    const client = new Client({ adminKey: 'admin-secret-1', projectKey: 'project-secret-1', baseURL: rec.url, maxRetries: 0 });
    rec.reset();
    await client.things.retrieve();
    await client.organization.settings.retrieve();
    await client.either.retrieve();
    const [things, settings, either] = rec.requests;
    expect([things!.headers['x-project-key'], things!.headers['authorization']]).toEqual(['project-secret-1', undefined]);
    expect([settings!.headers['authorization'], settings!.headers['x-project-key']]).toEqual(['Bearer admin-secret-1', undefined]);
    // The first scheme the operation lists that the client holds.
    expect(either!.headers['authorization']).toBe('Bearer admin-secret-1');
  });

  it('falls back to the next accepted scheme, and names what is missing when none is held', async () => {
    const client = new Client({ projectKey: 'project-secret-2', baseURL: rec.url, maxRetries: 0 });
    rec.reset();
    await client.either.retrieve();
    expect(rec.requests[0]!.headers['x-project-key']).toBe('project-secret-2');
    await expect(client.organization.settings.retrieve()).rejects.toThrow(
      /needs a key this client does not have: pass the `adminKey` option to the two-keys client constructor or by setting the TWO_KEYS_ADMIN_KEY environment variable/,
    );
    expect(rec.requests.length).toBe(1);
  });

  it('needs at least one key, and redacts every key it holds', () => {
    expect(() => new Client({ baseURL: rec.url })).toThrow(/Missing API key: pass the `projectKey` or `adminKey` option .* TWO_KEYS_PROJECT_KEY or TWO_KEYS_ADMIN_KEY/);
    const client = new Client({ adminKey: 'admin-secret-3', projectKey: 'project-secret-3', baseURL: rec.url });
    expect(client.redact('admin-secret-3 / project-secret-3')).toBe('*** / ***');
    expect(client.withOptions({ timeout: 1 }).redact('project-secret-3')).toBe('***');
  });
});

describe('the CLI and MCP server of that API', () => {
  const env = (keys: Record<string, string>) => ({ PATH: process.env.PATH ?? '', TWO_KEYS_BASE_URL: rec.url, ...keys });
  const cli = (args: string[], keys: Record<string, string>) =>
    run(process.execPath, [join(pkgs, 'cli/bin/two-keys.js'), ...args, '--max-retries', '0'], { env: env(keys) }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('the CLI passes every key from the environment; the client picks one per command', async () => {
    rec.reset();
    const keys = { TWO_KEYS_ADMIN_KEY: 'admin-secret-4', TWO_KEYS_PROJECT_KEY: 'project-secret-4' };
    expect((await cli(['things', 'retrieve'], keys)).code).toBe(0);
    expect((await cli(['organization:settings', 'retrieve'], keys)).code).toBe(0);
    expect(rec.requests.map((r) => [r.headers['x-project-key'], r.headers['authorization']])).toEqual([
      ['project-secret-4', undefined],
      [undefined, 'Bearer admin-secret-4'],
    ]);
  });

  it('the CLI takes each scheme\'s key as a flag too, and never prints it', async () => {
    rec.reset();
    const res = await cli(['things', 'retrieve', '--project-key', 'project-secret-7', '--debug'], {});
    expect(res.code, res.stderr).toBe(0);
    expect(rec.requests[0]!.headers['x-project-key']).toBe('project-secret-7');
    expect(res.stdout + res.stderr).not.toContain('project-secret-7');
    const help = await cli(['--help'], {});
    expect(help.stdout).toMatch(/--project-key KEY[\s\S]*--admin-key KEY\s+Key for the commands that accept it \(default: env TWO_KEYS_ADMIN_KEY\)/);
  });

  it('the CLI needs some key (exit 2), and a command whose key is missing fails naming its flag and env var (exit 2)', async () => {
    const none = await cli(['things', 'retrieve'], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing API key[\s\S]*--project-key or --admin-key or set TWO_KEYS_PROJECT_KEY or TWO_KEYS_ADMIN_KEY/);
    const wrong = await cli(['organization:settings', 'retrieve'], { TWO_KEYS_PROJECT_KEY: 'project-secret-5' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("error: 'organization:settings retrieve' needs a key you did not give\nhint: pass --admin-key (or TWO_KEYS_ADMIN_KEY)\n");
    expect(wrong.stderr).not.toContain('project-secret-5');
  });

  it('the MCP server passes every key from the environment', async () => {
    const mcp = new McpClient({ name: 'multi-auth-test', version: '0' });
    await mcp.connect(new StdioClientTransport({
      command: process.execPath,
      args: [join(pkgs, 'mcp/bin/two-keys-mcp.js')],
      env: env({ TWO_KEYS_PROJECT_KEY: 'project-secret-6', TWO_KEYS_ADMIN_KEY: 'admin-secret-6' }),
      stderr: 'pipe',
    }));
    try {
      rec.reset();
      const names = (await mcp.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(['two_keys_get_either', 'two_keys_get_settings', 'two_keys_list_things']);
      for (const name of names) expect(((await mcp.callTool({ name, arguments: {} })) as { isError?: boolean }).isError, name).toBeFalsy();
      expect(rec.requests.map((r) => `${r.url} ${r.headers['authorization'] ?? r.headers['x-project-key']}`)).toEqual([
        '/either Bearer admin-secret-6',
        '/organization/settings Bearer admin-secret-6',
        '/things project-secret-6',
      ]);
    } finally {
      await mcp.close();
    }
  });
});
