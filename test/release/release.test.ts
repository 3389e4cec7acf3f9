/**
 * `npm run release` end to end in a scratch copy of spec/ and generated/
 * (the real commands as child processes, TRIGEN_ROOT pointing at the copy):
 * the older 2026-08-08 document imported over the committed spec, released,
 * checked, released again.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiSpecHistory, repoRoot } from '../support/shared.js';
import { loadSpecJson, parseSpec } from '../../generator/ir/serialize.js';
import { diffImportedSpecs } from '../../generator/commands/diff.js';
import { readReleaseFile } from '../../generator/release/state.js';
import type { ChangeReport, PackageId } from '../../generator/diff/model.js';

const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const main = join(repoRoot, 'generator/main.ts');
const target = 'openai-admin';
const scratch = mkdtempSync(join(tmpdir(), 'trigen-release-'));
const older = openaiSpecHistory().find((d) => d.includes('2026-08-08'))!;

async function trigen(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, main, ...args], { cwd: repoRoot, env: { ...process.env, TRIGEN_ROOT: scratch }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every committed-kind file under spec/ and generated/ (build output left out), path → contents. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!['dist', 'bin', 'node_modules'].includes(name)) walk(full);
      } else out.set(relative(scratch, full), readFileSync(full, 'utf8'));
    }
  };
  walk(join(scratch, 'spec'));
  walk(join(scratch, 'generated'));
  return out;
}

const pkgJson = (pkg: PackageId) => JSON.parse(readFileSync(join(scratch, 'generated', target, pkg, 'package.json'), 'utf8'));
const changelog = (pkg: PackageId) => readFileSync(join(scratch, 'generated', target, pkg, 'CHANGELOG.md'), 'utf8');
/** The newest entry of a CHANGELOG.md. */
const topEntry = (text: string) => text.slice(text.indexOf('\n## [')).split(/\n(?=## \[)/)[1]!;

let expected: ChangeReport;
let first: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  cpSync(join(repoRoot, 'spec'), join(scratch, 'spec'), { recursive: true });
  cpSync(join(repoRoot, 'generated'), join(scratch, 'generated'), { recursive: true, filter: (src) => !/[/\\](dist|bin|node_modules)$/.test(src) });
  const imported = await trigen('import', '--from', older, '--target', target);
  expect(imported.stderr).toBe('');
  // What the diff engine says about the released baseline against the newly imported spec.
  const state = readReleaseFile(target, scratch)!;
  const baseline = parseSpec(readFileSync(join(scratch, 'spec', target, 'release/spec.json'), 'utf8'));
  const versions = { client: state.packages.client.version, cli: state.packages.cli.version, mcp: state.packages.mcp.version };
  expected = await diffImportedSpecs(baseline, loadSpecJson(target, scratch), { target, currentVersions: versions });
  first = await trigen('release', '--target', target, '--date', '2027-01-02', '--summary-file', join(scratch, 'summary.md'));
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('release after importing an older document', () => {
  it('bumps each package as the change report says and keeps the bundled client pinned exactly', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(expected.counts.breaking).toBeGreaterThan(0);
    for (const pkg of ['client', 'cli', 'mcp'] as const) {
      expect(expected.packages[pkg].bump).not.toBe('none');
      expect(pkgJson(pkg).version).toBe(expected.packages[pkg].next);
    }
    const client = pkgJson('client').version;
    expect(pkgJson('cli').devDependencies).toEqual({ [pkgJson('client').name]: client });
    expect(pkgJson('mcp').devDependencies).toEqual({ [pkgJson('client').name]: client });
    expect(readFileSync(join(scratch, 'generated', target, 'client/src/client.ts'), 'utf8')).toContain(`version: '${client}'`);
    expect(JSON.parse(readFileSync(join(scratch, 'generated', target, 'mcp/src/tools.json'), 'utf8')).server.version).toBe(pkgJson('mcp').version);
    expect(first.stdout).toMatch(new RegExp(`release: ${target}: openai-admin \\S+ → ${client.replace(/\./g, '\\.')} \\(minor\\)`));
    // The change report the bumps come from, on stdout and in the job summary file.
    const summary = readFileSync(join(scratch, 'summary.md'), 'utf8');
    expect(summary.startsWith('# API change report: openai-admin\n')).toBe(true);
    expect(first.stdout).toContain(summary.trim());
  });

  it('writes changelog entries that name the changed fields as each surface spells them, with pointers', () => {
    const client = topEntry(changelog('client'));
    expect(client.startsWith(`## [${pkgJson('client').version}] - 2027-01-02\n`)).toBe(true);
    expect(client).toContain('From `2026-08-08-c309ca1.yaml`');
    expect(client).toMatch(/### Breaking\n\n[\s\S]*- `admin\.organization\.projects\.create\(\{ residency \}\)`: body param removed[^\n]*\(`\/components\/schemas\/ProjectCreateRequest\/properties\/residency`\)/);
    expect(client).toMatch(/### Added\n\n[\s\S]*- `admin\.organization\.projects\.update\(\{ geography \}\)`: new optional body param/);
    const cli = topEntry(changelog('cli'));
    expect(cli).toContain('- `openai-admin admin:organization:projects create --residency`: flag removed');
    expect(cli).toContain('- `openai-admin admin:organization:projects update --geography`: new optional flag');
    expect(cli).toMatch(/### Changed\n\n(- .*\n)*- Bundles `openai-admin` \S+ \(pinned exactly as a devDependency\)\./);
    const mcp = topEntry(changelog('mcp'));
    expect(mcp).toContain('- `openai_admin_create_project.residency`: input removed');
    expect(mcp).toContain('- `openai_admin_modify_project.geography`: new optional input');
    for (const entry of [client, cli, mcp]) {
      const sections = entry.split('\n').filter((l) => l.startsWith('### '));
      const order = ['### Breaking', '### Added', '### Changed', '### Fixed', '### Documentation'];
      expect(sections).toEqual(order.filter((s) => sections.includes(s)));
    }
    // The committed changelog data and the package's CHANGELOG.md agree.
    expect(changelog('cli')).toContain(readFileSync(join(scratch, 'spec', target, 'release/cli.changelog.md'), 'utf8').trim());
  });

  it('leaves a tree that check accepts, API report included', async () => {
    const report = readFileSync(join(scratch, 'spec', target, 'openai-admin.api.md'), 'utf8');
    expect(report).toContain('## API Report File for "openai-admin"');
    expect(report).not.toContain('PublicProjectResidency');
    const checked = await trigen('check', '--target', target);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  }, 180_000);

  it('does nothing the second time, and says so', async () => {
    const before = snapshot();
    const again = await trigen('release', '--target', target, '--date', '2027-01-03');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/release: openai-admin: no surface change since 2026-08-08-c309ca1\.yaml \(released 2027-01-02\); nothing to release/);
    expect(snapshot()).toEqual(before);
  }, 120_000);

  it('makes check fail when the API report is stale', async () => {
    const file = join(scratch, 'spec', target, 'openai-admin.api.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('class Projects extends APIResource {', 'class Projects extends APIResource {\n    hand(): void;'));
    try {
      const checked = await trigen('check', '--target', target);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toContain('-    hand(): void;');
      expect(checked.stdout).toContain('spec/openai-admin/openai-admin.api.md');
    } finally {
      writeFileSync(file, good);
    }
  }, 180_000);
});
