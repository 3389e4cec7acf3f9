/**
 * The built package is self-contained: the bin (with its lazily loaded
 * chunks) runs from a folder with no node_modules anywhere above it, and the
 * packed tarball holds only bin/, README.md and package.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { mcpDir } from './helpers.js';

const run = promisify(execFile);

describe('self-contained bundle', () => {
  let dir: string;
  let rec: Recorder;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-bundle-'));
    cpSync(join(mcpDir, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(mcpDir, 'package.json'), join(dir, 'package.json'));
    rec = await startRecorder();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await rec?.close();
  });

  it('lists and calls tools from a copy outside the repository', async () => {
    const { stdout } = await run(process.execPath, [join(dir, 'bin/openai-admin-mcp.js'), '--list-tools']);
    expect(stdout.trim().split('\n').length).toBe(119);
    rec.route('GET', '/organization/invites', { body: { object: 'list', data: [], has_more: false } });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(dir, 'bin/openai-admin-mcp.js')],
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', OPENAI_ADMIN_KEY: 'sk-admin-x', OPENAI_BASE_URL: rec.url },
    });
    const client = new Client({ name: 'bundle-test', version: '0' });
    await client.connect(transport);
    try {
      // The first call loads the client and Ajv chunks; a validation error proves Ajv loaded.
      const ok = (await client.callTool({ name: 'openai_admin_list_invites', arguments: {} })) as { isError?: boolean; structuredContent?: unknown };
      expect(ok.isError).toBeFalsy();
      expect(ok.structuredContent).toMatchObject({ data: [], has_more: false });
      const bad = (await client.callTool({ name: 'openai_admin_list_invites', arguments: { limit: 0.5 } })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(bad.content[0]!.text).toMatch(/"limit" must be integer/);
    } finally {
      await client.close();
    }
  });

  it('packs only the bundle, the README, the CHANGELOG and package.json, with no dependencies', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: mcpDir });
    const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ files: Array<{ path: string }>; name: string }>;
    const paths = info!.files.map((f) => f.path);
    expect(info!.name).toBe('openai-admin-mcp');
    expect(paths).toContain('bin/openai-admin-mcp.js');
    expect(paths).toContain('README.md');
    // Bundled third-party code ships with its licenses.
    expect(paths).toContain('bin/THIRD-PARTY-LICENSES.txt');
    expect(paths.every((p) => p === 'package.json' || p === 'README.md' || p === 'CHANGELOG.md' || p.startsWith('bin/'))).toBe(true);
  });
});

describe('generated sources', () => {
  it('typecheck (the bundler does not check types)', async () => {
    const tsc = join(mcpDir, '../../../node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', join(mcpDir, 'tsconfig.json')]).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(result.out).toBe('');
    expect(result.code).toBe(0);
  });
});
