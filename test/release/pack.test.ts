/**
 * What each generated package ships: `npm pack` of every package of every
 * committed target holds only build output, README, CHANGELOG, package.json
 * (and a license file if any), never sources, configs or tests; and
 * `npm publish --dry-run` passes for each, through `npm run publish-packages`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { listTargets } from '../../generator/commands/targets.js';

const run = promisify(execFile);
const targets = listTargets();

/** Files any package may carry. */
const COMMON = [/^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICEN[CS]E(\.\w+)?$/];

const ALLOWED: Record<'client' | 'cli' | 'mcp', RegExp[]> = {
  client: [/^api\.md$/, /^dist\/(cjs\/)?[\w/-]+\.(js|d\.ts)$/, /^dist\/cjs\/package\.json$/],
  cli: [/^bin\/[\w.-]+\.js$/, /^bin\/lib\/[\w.-]+\.js$/, /^bin\/commands\.json$/],
  mcp: [/^bin\/[\w.-]+\.js$/, /^bin\/lib\/[\w.-]+\.c?js$/, /^bin\/tools\.json$/, /^bin\/chunks\/[\w.-]+\.js$/, /^bin\/THIRD-PARTY-LICENSES\.txt$/],
};

async function packedFiles(dir: string): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, maxBuffer: 32 * 1024 * 1024 });
  return (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort();
}

describe.each(targets)('the packages of %s', (target) => {
  const released = existsSync(join(repoRoot, 'spec', target, 'release/state.json'));
  beforeAll(async () => {
    // The global setup builds the first target only; build output is never committed.
    const built = ['client/dist', 'cli/bin', 'mcp/bin'].every((p) => existsSync(join(repoRoot, 'generated', target, p)));
    if (!built) await run(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'generator/main.ts', 'build', '--target', target], { cwd: repoRoot });
  }, 180_000);

  it.each(['client', 'cli', 'mcp'] as const)('%s: the tarball holds only what the package needs', async (pkg) => {
    const dir = join(repoRoot, 'generated', target, pkg);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string; types?: string; bin?: Record<string, string> };
    const files = await packedFiles(dir);
    const stray = files.filter((f) => ![...COMMON, ...ALLOWED[pkg]].some((re) => re.test(f)));
    expect(stray).toEqual([]);
    expect(files.filter((f) => /(^|\/)(src|test|tests|__tests__)\//.test(f) || /\.tsbuildinfo$|tsconfig\.json$|\.test\.|\.spec\./.test(f))).toEqual([]);
    const needed = ['package.json', 'README.md', ...(released ? ['CHANGELOG.md'] : [])];
    for (const entry of [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})]) if (entry) needed.push(entry.replace(/^\.\//, ''));
    // The tables the bins read beside their start-up file.
    if (pkg === 'cli') needed.push('bin/commands.json');
    if (pkg === 'mcp') needed.push('bin/tools.json');
    expect(files).toEqual(expect.arrayContaining(needed));
  });

  it('npm publish --dry-run passes for each package', async () => {
    const { stdout } = await run(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'generator/main.ts', 'publish', '--target', target, '--dry-run'], {
      cwd: repoRoot,
      maxBuffer: 32 * 1024 * 1024,
    });
    const names = ['client', 'cli', 'mcp'].map((pkg) => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'generated', target, pkg, 'package.json'), 'utf8')) as { name: string; version: string };
      return `publish: ${manifest.name}@${manifest.version} (dry run)`;
    });
    expect(stdout.trim().split('\n')).toEqual(names);
  }, 120_000);

  it('refuses --provenance without a repository in package.json, before asking the registry', async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'generated', target, 'client/package.json'), 'utf8')) as { repository?: unknown };
    if (manifest.repository) return;
    const failed = await run(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'generator/main.ts', 'publish', '--target', target, '--provenance'], { cwd: repoRoot }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('npm rejects provenance without it');
    expect(failed?.stderr).toContain(`Hint: set \`packages.repository: https://github.com/<owner>/<repo>\` in spec/${target}/config.yaml`);
  });
});
