/**
 * The three generated packages as users get them: `npm pack`, installed
 * together into a fresh folder with no network beyond the tarballs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';

const run = promisify(execFile);
const generated = join(repoRoot, 'generated/openai-admin');
const scratch = mkdtempSync(join(tmpdir(), 'trigen-pack-'));
const app = join(scratch, 'app');
let recorder: Recorder;

beforeAll(async () => {
  const tarballs: string[] = [];
  for (const pkg of ['client', 'cli', 'mcp']) {
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: join(generated, pkg) });
    tarballs.push(join(scratch, stdout.trim().split('\n').pop()!));
  }
  await run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-smoke', version: '1.0.0', private: true }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', ...tarballs], { cwd: app });
  recorder = await startRecorder();
  recorder.setFallback(() => ({ status: 200, body: { object: 'list', id: 'proj_1', data: [{ id: 'proj_1', object: 'organization.project' }], has_more: false } }));
}, 180_000);

afterAll(async () => {
  await recorder?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('packed packages installed together', () => {
  it('the client imports from ESM and CJS and makes a request', async () => {
    const esm = `import OpenAIAdmin from 'openai-admin';
const client = new OpenAIAdmin({ adminAPIKey: 'sk-test', baseURL: process.argv[2] });
const page = await client.admin.organization.projects.list({ limit: 1 });
console.log(JSON.stringify(page.data));`;
    const cjs = `const { default: OpenAIAdmin } = require('openai-admin');
new OpenAIAdmin({ adminAPIKey: 'sk-test', baseURL: process.argv[2] }).admin.organization.projects.retrieve('proj_1')
  .then((p) => console.log(p.id));`;
    writeFileSync(join(app, 'esm.mjs'), esm);
    writeFileSync(join(app, 'cjs.cjs'), cjs);
    const a = await run(process.execPath, ['esm.mjs', recorder.url], { cwd: app });
    expect(JSON.parse(a.stdout)[0].id).toBe('proj_1');
    const b = await run(process.execPath, ['cjs.cjs', recorder.url], { cwd: app });
    expect(b.stdout.trim()).toBe('proj_1');
    expect(recorder.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /organization/projects',
      'GET /organization/projects/proj_1',
    ]);
  });

  it('the openai-admin bin prints help', async () => {
    const { stdout } = await run(join(app, 'node_modules/.bin/openai-admin'), ['--help'], { cwd: app });
    expect(stdout).toContain('admin:organization:projects');
  });

  it('the openai-admin-mcp bin serves its tools over stdio', async () => {
    const client = new Client({ name: 'pack-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: join(app, 'node_modules/.bin/openai-admin-mcp'),
        args: [],
        env: { ...process.env, OPENAI_ADMIN_KEY: 'sk-test', OPENAI_BASE_URL: recorder.url } as Record<string, string>,
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBe(119);
      expect(tools.map((t) => t.name)).toContain('openai_admin_list_projects');
    } finally {
      await client.close();
    }
  });
});
