import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const main = join(repoRoot, 'generator/main.ts');

/** A scratch copy of spec/ and generated/ (without build output) that `check` runs against. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trigen-check-'));
  cpSync(join(repoRoot, 'spec'), join(dir, 'spec'), { recursive: true });
  cpSync(join(repoRoot, 'generated'), join(dir, 'generated'), {
    recursive: true,
    filter: (src) => !/[/\\](dist|bin|node_modules)$/.test(src),
  });
  return dir;
}

async function check(root: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, main, 'check', '--target', 'openai-admin'], {
      cwd: repoRoot,
      env: { ...process.env, TRIGEN_ROOT: root },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run check', () => {
  let clean: string;
  beforeAll(() => {
    clean = scratchCopy();
    dirs.push(clean);
  });

  it('passes on an up-to-date copy', async () => {
    const result = await check(clean);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('up to date');
    expect(result.stdout).toContain('generated/openai-admin/client type-checks');
  });

  it('fails with a diff when a generated file was edited by hand', async () => {
    const dir = scratchCopy();
    dirs.push(dir);
    const file = join(dir, 'generated/openai-admin/client/api.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nhand edit\n');
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('-hand edit');
    expect(result.stderr).toMatch(/1 file\(s\) differ/);
  });

  it('fails when the committed spec.json is not in canonical form', async () => {
    const dir = scratchCopy();
    dirs.push(dir);
    const file = join(dir, 'spec/openai-admin/spec.json');
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 4) + '\n');
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('spec/openai-admin/spec.json');
    expect(result.stderr).toMatch(/1 file\(s\) differ/);
  });

  it('fails when the normalized spec is stale relative to the document', async () => {
    const dir = scratchCopy();
    dirs.push(dir);
    // Re-importing the newest document must reproduce the committed spec; an
    // older document is a stale spec from check's point of view.
    const older = join(repoRoot, '../shared/specs/openai/2026-08-08-c309ca1.yaml');
    const { code, stdout } = await (async () => {
      try {
        const r = await run(process.execPath, [tsx, main, 'check', '--target', 'openai-admin', '--from', older], {
          cwd: repoRoot,
          env: { ...process.env, TRIGEN_ROOT: dir },
          maxBuffer: 64 * 1024 * 1024,
        });
        return { code: 0, stdout: r.stdout };
      } catch (error) {
        const e = error as { code: number; stdout: string };
        return { code: e.code, stdout: e.stdout };
      }
    })();
    expect(code).toBe(1);
    expect(stdout).toContain('spec/openai-admin/spec.json');
  });
});
