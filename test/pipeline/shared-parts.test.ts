/**
 * The spec-independent bin parts (the MCP runtime with the SDK, the CLI's
 * YAML parser) are cached by content across package folders and targets
 * (generator/build/shared.ts). Two targets are generated into two project
 * folders, one outside the repository: the second reuses the parts the first
 * built, and its bins are byte for byte those of a build with the cache
 * cleared. `npm install`'s warm-up fills the cache the same way; a damaged
 * entry or a changed runtime is built again, never reused.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/commands/generate.js';
import { buildTarget, type TargetBuild } from '../../generator/commands/build.js';
import { buildMcp } from '../../generator/build/mcp.js';
import { useSharedPartsDir } from '../../generator/build/shared.js';
import { warmSharedParts } from '../../generator/build/warm.js';
import { loadSpec } from '../../generator/ir/serialize.js';
import { replaceDirectory } from '../../generator/write.js';
import { repoRoot } from '../support/shared.js';
import { hashTree } from '../support/tree.js';

const scratch = join(repoRoot, '.tmp', `test-shared-parts-${process.pid}`);
const outside = mkdtempSync(join(tmpdir(), 'trigen-shared-parts-'));
afterAll(() => {
  useSharedPartsDir();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** A store of this test's own, empty: other test files build meanwhile into the default one. */
function emptyStore(name: string): void {
  const dir = join(scratch, 'stores', name);
  rmSync(dir, { recursive: true, force: true });
  useSharedPartsDir(dir);
}


/** The bins of generated/<target>/ in `root`: cli/bin and mcp/bin. */
function bins(dir: string): Map<string, string> {
  const cli = [...hashTree(join(dir, 'cli/bin'))].map(([p, h]) => [`cli/${p}`, h] as const);
  const mcp = [...hashTree(join(dir, 'mcp/bin'))].map(([p, h]) => [`mcp/${p}`, h] as const);
  return new Map([...cli, ...mcp]);
}

const RUNTIME_FILES = /^mcp\/(lib\/server\.js|chunks\/|THIRD-PARTY-LICENSES\.txt)|^cli\/lib\/yaml\.js$/;

async function generateInto(root: string, target: string): Promise<{ dir: string; build: TargetBuild }> {
  const dir = join(root, 'generated', target);
  replaceDirectory(dir, emitAll(loadSpec(target)));
  return { dir, build: await buildTarget(dir) };
}

/** Removes the bins (the folder's own record of them then fails, as in a fresh folder), and builds again. */
async function rebuildBins(dir: string): Promise<TargetBuild> {
  rmSync(join(dir, 'cli/bin'), { recursive: true, force: true });
  rmSync(join(dir, 'mcp/bin'), { recursive: true, force: true });
  return buildTarget(dir);
}

describe('spec-independent bin parts, shared across folders and targets', () => {
  let admin: string;
  let whole: string;

  it('the first package builds them, the second (another target, another folder) reuses them', async () => {
    emptyStore('a');
    const first = await generateInto(outside, 'openai-admin');
    admin = first.dir;
    expect(first.build.cli!.built).toContain('cli:yaml');
    expect(first.build.mcp!.built).toContain('mcp:runtime');
    expect([first.build.cli!.shared, first.build.mcp!.shared]).toEqual([[], []]);

    const second = await generateInto(join(scratch, 'project'), 'openai');
    whole = second.dir;
    expect(second.build.cli!.shared).toEqual(['cli:yaml']);
    expect(second.build.mcp!.shared).toEqual(['mcp:runtime']);
    expect(second.build.cli!.built).not.toContain('cli:yaml');
    expect(second.build.mcp!.built).not.toContain('mcp:runtime');

    // The runtime files are the same in both packages (their spec-specific files are not).
    const a = bins(admin);
    const b = bins(whole);
    const runtime = [...b.keys()].filter((p) => RUNTIME_FILES.test(p));
    expect(runtime).toContain('mcp/lib/server.js');
    expect(runtime).toContain('cli/lib/yaml.js');
    expect(runtime.some((p) => p.startsWith('mcp/chunks/'))).toBe(true);
    for (const path of runtime) expect([path, a.get(path)]).toEqual([path, b.get(path)]);
    expect(a.get('mcp/tools.json')).not.toBe(b.get('mcp/tools.json'));
  }, 240_000);

  it('a reused part writes the bytes a build with the cache cleared writes', async () => {
    const reused = bins(whole);
    emptyStore('b');
    const cold = await rebuildBins(whole);
    expect(cold.cli!.built).toContain('cli:yaml');
    expect(cold.mcp!.built).toContain('mcp:runtime');
    expect(cold.mcp!.shared).toEqual([]);
    expect(bins(whole)).toEqual(reused);
  }, 240_000);

  it('the start-up file holds the entry alone and runs from the package', async () => {
    const main = readFileSync(join(whole, 'mcp/bin/openai-tri-mcp.js'), 'utf8');
    expect(main).toContain('"./lib/server.js"');
    expect(main.length).toBeLessThan(4000);
    const { execFileSync } = await import('node:child_process');
    const listed = execFileSync(process.execPath, [join(admin, 'mcp/bin/openai-admin-mcp.js'), '--list-tools'], { encoding: 'utf8' });
    expect(listed.trim().split('\n')).toHaveLength(119);
  });

  it("npm install's warm-up fills the cache that a fresh package then reuses", async () => {
    emptyStore('c');
    expect(await warmSharedParts()).toEqual({ built: ['mcp:runtime', 'cli:yaml'], cached: [] });
    expect(await warmSharedParts()).toEqual({ built: [], cached: ['mcp:runtime', 'cli:yaml'] });
    const before = bins(admin);
    const build = await rebuildBins(admin);
    expect(build.cli!.shared).toEqual(['cli:yaml']);
    expect(build.mcp!.shared).toEqual(['mcp:runtime']);
    expect(bins(admin)).toEqual(before);
  }, 240_000);

  it('a damaged entry is built again, not reused', async () => {
    const store = join(scratch, 'stores', 'c');
    for (const recipe of readdirSync(store)) {
      for (const entry of readdirSync(join(store, recipe)).filter((n) => !n.endsWith('.json'))) {
        const server = join(store, recipe, entry, 'lib/server.js');
        try {
          appendFileSync(server, '\n');
        } catch {
          // The YAML part's entry has no lib/server.js.
        }
      }
    }
    const before = bins(admin);
    const build = await rebuildBins(admin);
    expect(build.mcp!.built).toContain('mcp:runtime');
    expect(build.cli!.shared).toEqual(['cli:yaml']);
    expect(bins(admin)).toEqual(before);
  }, 240_000);

  it('a changed runtime is built again; the generated-file header alone changes nothing', async () => {
    const server = join(whole, 'mcp/src/runtime/server.ts');
    const original = readFileSync(server, 'utf8');
    try {
      writeFileSync(server, original.replace('// Source: spec/openai/spec.json', '// Source: spec/elsewhere/spec.json'));
      expect((await rebuildBins(whole)).mcp!.shared).toEqual(['mcp:runtime']);
      writeFileSync(server, `${original}\nexport const sharedPartsProbe = 'probe-7731';\n`);
      const changed = await rebuildBins(whole);
      expect(changed.mcp!.built).toContain('mcp:runtime');
      expect(readFileSync(join(whole, 'mcp/bin/lib/server.js'), 'utf8')).toContain('probe-7731');
    } finally {
      writeFileSync(server, original);
    }
  }, 240_000);

  it('the start-up file may not bundle runtime code of its own', async () => {
    const entry = join(whole, 'mcp/src/index.ts');
    const original = readFileSync(entry, 'utf8');
    try {
      writeFileSync(entry, `${original}\nimport { MAX_ITEMS_PROBE } from './runtime/table.js';\nconsole.log(MAX_ITEMS_PROBE);\n`);
      await expect(buildMcp(join(whole, 'mcp'))).rejects.toThrow(/may use the runtime only through \.\/runtime\/server\.js/);
    } finally {
      writeFileSync(entry, original);
    }
  });
});
