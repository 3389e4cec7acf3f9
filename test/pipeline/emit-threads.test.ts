/**
 * A cold `generate` emits the client and the CLI on its own thread and the MCP
 * tool table on a worker thread (generator/commands/emit-threads.ts) when the machine has
 * two cores; a warm one stays on one thread. Run as the npm scripts run it (generator/launch.cjs, whose bundle has
 * the worker), against scratch roots holding the committed Admin spec: the
 * files must be the bytes the one-thread emitter makes, the two groups' memos
 * must both be reused by the next run, and a failure must stop the worker and
 * write nothing.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCacheDir, contentHash } from '../../generator/build/cache.js';
import { emitAll } from '../../generator/commands/generate.js';
import { GROUP_NAMES } from '../../generator/emit/groups.js';
import { loadSpec } from '../../generator/ir/serialize.js';
import { repoRoot } from '../support/shared.js';

const run = promisify(execFile);
const TARGET = 'openai-admin';
// Inside the repo, so the bundles resolve the repo's node_modules.
const scratch = join(repoRoot, `.tmp/test-emit-threads-${process.pid}`);
const launcher = join(repoRoot, 'generator/launch.cjs');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(name: string): string {
  const root = join(scratch, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'spec'), { recursive: true });
  cpSync(join(repoRoot, 'spec', TARGET), join(root, 'spec', TARGET), { recursive: true });
  return root;
}

async function generate(root: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, [launcher, 'generate', '--target', TARGET], { cwd: repoRoot, env: { ...process.env, TRIGEN_THREADS: '', ...env, TRIGEN_ROOT: root } });
  return stdout;
}

/** The emitted files on disk (build output left out: dist/ and bin/), path → contents. */
function emittedTree(root: string): Map<string, string> {
  const dir = join(root, 'generated', TARGET);
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      const rel = relative(dir, full).split('\\').join('/');
      if (/^(client\/dist|cli\/bin|mcp\/bin)$/.test(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.set(rel, readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const twoCores = availableParallelism() >= 2;

describe('generate on two threads', () => {
  const threaded = project('threaded');
  const single = project('single');
  const expected = emitAll(loadSpec(TARGET, threaded));

  it('writes the bytes the one-thread emitter makes, and says how many threads emitted', async () => {
    const out = await generate(threaded);
    // The Admin spec (~1 MB) is above the size where a worker pays.
    expect(out).toContain(twoCores ? 'emitted on 2 threads' : 'emitted on 1 thread');
    expect(emittedTree(threaded)).toEqual(expected);
  }, 120_000);

  it('TRIGEN_THREADS=1 emits on this thread alone, the same files', async () => {
    const out = await generate(single, { TRIGEN_THREADS: '1' });
    expect(out).toContain('emitted on 1 thread)');
    expect(emittedTree(single)).toEqual(expected);
  }, 120_000);

  it('the next run reuses every group’s memo, on one thread or forced onto two: nothing written, nothing rebuilt', async () => {
    // Each group (client, CLI, MCP) kept its own memo file, whichever thread emitted it (generator/build/emit-cache.ts).
    const outDir = join(threaded, 'generated', TARGET);
    for (const group of GROUP_NAMES) {
      const memo = JSON.parse(readFileSync(join(buildCacheDir, '../emit', `${contentHash(`${outDir}\0${group}`)}.json`), 'utf8')) as { units: object };
      expect(Object.keys(memo.units).length).toBeGreaterThan(10);
    }
    // A warm run re-emits few units: no worker.
    const out = await generate(threaded);
    expect(out).toContain('(0 written, 0 removed; emitted on 1 thread)');
    expect(out).toContain('client up to date; cli up to date; mcp up to date');
    // Forced onto the worker, the MCP group reads its own memo there: the same nothing to do.
    const forced = await generate(threaded, { TRIGEN_THREADS: '2' });
    expect(forced).toContain('(0 written, 0 removed; emitted on 2 threads)');
    expect(forced).toContain('client up to date; cli up to date; mcp up to date');
  }, 120_000);

  it('check type-checks the client on a worker thread, beside the drift check', async () => {
    const { stdout } = await run(process.execPath, [launcher, 'check', '--target', TARGET], { cwd: repoRoot, env: { ...process.env, TRIGEN_THREADS: '', TRIGEN_ROOT: single } });
    expect(stdout).toContain('check: spec/ and generated/ are up to date.');
    expect(stdout).toContain(`check: generated/${TARGET}/client type-checks (tsc --strict).`);
  }, 180_000);

  it('check on a drifted tree stops the type-check worker and fails at once', async () => {
    const file = join(single, 'generated', TARGET, 'client/src/index.ts');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n// edited by hand\n');
    const failure = await run(process.execPath, [launcher, 'check', '--target', TARGET], { cwd: repoRoot, env: { ...process.env, TRIGEN_THREADS: '', TRIGEN_ROOT: single } }).then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('// edited by hand');
    expect(failure?.stdout).not.toContain('type-checks');
  }, 180_000);

  it('a broken spec fails with its file named, stops the worker and writes nothing', async () => {
    const before = emittedTree(threaded);
    const specFile = join(threaded, 'spec', TARGET, 'spec.json');
    writeFileSync(specFile, readFileSync(specFile, 'utf8').slice(0, 5000));
    const failure = await generate(threaded).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`spec/${TARGET}/spec.json`);
    expect(emittedTree(threaded)).toEqual(before);
  }, 120_000);
});
