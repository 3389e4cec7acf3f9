/**
 * The generator daemon (generator/daemon/): `import`, `generate` and `build`
 * typed through the launcher run in one long-lived process per project, and
 * must leave exactly the bytes a one-shot process leaves, pass output, errors
 * and exit codes through, and step aside whenever it cannot be trusted (other
 * generator code, CI, told to stop, idle). Every command here is the real
 * launcher run as a child process, as `npm run` runs it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addSchemaField } from '../../bench/lib/synthesize.js';
import { newestOpenaiSpec, repoRoot } from '../support/shared.js';
import { hashTree } from '../support/tree.js';
import { buildCacheDir, contentHash } from '../../generator/build/cache.js';
// @ts-expect-error plain JavaScript module of the launcher, without declarations
import { runtimeId, socketPath } from '../../generator/daemon/client.cjs';

const launcher = join(repoRoot, 'generator/launch.cjs');
// Inside the repo, so the bundles resolve the repo's node_modules; per run, so that no cache keyed by a project folder
// (the emit memos) is left from an earlier run.
const scratch = join(repoRoot, `.tmp/test-daemon-${process.pid}`);
const roots: string[] = [];

function project(name: string): string {
  const root = join(scratch, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'spec'), { recursive: true });
  cpSync(join(repoRoot, 'spec/openai-admin'), join(root, 'spec/openai-admin'), { recursive: true });
  roots.push(root);
  return root;
}

function run(root: string, args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [launcher, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: undefined, TRIGEN_ROOT: root, TRIGEN_DAEMON: '1', TRIGEN_DAEMON_IDLE_SECONDS: '120', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Commands the project's daemon has served, or undefined when none runs. */
function served(root: string): number | undefined {
  const { stdout } = run(root, ['daemon', 'status']);
  const match = /(\d+) commands? served/.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilStopped(root: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (served(root) === undefined) return true;
    await sleep(100);
  }
  return false;
}

afterAll(() => {
  for (const root of roots) run(root, ['daemon', 'stop']);
  if (!process.env.KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
});

describe('generator daemon', () => {
  it('runs import and generate in one process and writes the bytes a one-shot run writes', () => {
    const root = project('same-bytes');
    const changed = join(root, 'changed.yaml');
    writeFileSync(changed, addSchemaField(readFileSync(newestOpenaiSpec(), 'utf8'), 'Project', 'daemon_note'));

    const first = run(root, ['import', '--from', newestOpenaiSpec(), '--target', 'openai-admin']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Imported 119 operations/);
    const cold = run(root, ['generate']);
    expect(cold.status, cold.stderr).toBe(0);
    // A cold emission ahead: its worker started on the spec while the import wrote it, and emitted the CLI and MCP tables.
    if (availableParallelism() >= 2) expect(cold.stdout).toContain('emitted on 2 threads');
    // The one-field change: import, then a generate that takes the emission done ahead.
    expect(run(root, ['import', '--from', changed, '--target', 'openai-admin']).status).toBe(0);
    // Its normalizer replayed the steps of the first import that the one field left as they were (daemon status says how many).
    const replay = /import --from \S+changed\.yaml --target openai-admin {2}\(normalize replayed (\d+) of (\d+) steps\)/.exec(run(root, ['daemon', 'status']).stdout);
    expect(replay, 'daemon status lists the replayed steps').not.toBeNull();
    expect(Number(replay![1])).toBeGreaterThan(0.9 * Number(replay![2]));
    const generated = run(root, ['generate']);
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^generated\/openai-admin: \d+ files \(\d+ written/m);
    expect(generated.stdout).toMatch(/^built generated\/openai-admin/m);
    expect(served(root)).toBe(4);
    const byDaemon = hashTree(join(root, 'generated'));
    const specByDaemon = readFileSync(join(root, 'spec/openai-admin/spec.json'), 'utf8');
    expect(specByDaemon).toContain('daemon_note');

    // The same document through one-shot processes, cold, in the same folder (bundle chunk names depend on it).
    expect(run(root, ['daemon', 'stop']).status).toBe(0);
    rmSync(join(root, 'generated'), { recursive: true, force: true });
    rmSync(join(root, 'spec/openai-admin/spec.json'));
    expect(run(root, ['import', '--from', changed, '--target', 'openai-admin'], { TRIGEN_DAEMON: '0' }).status).toBe(0);
    expect(run(root, ['generate'], { TRIGEN_DAEMON: '0' }).status).toBe(0);
    expect(served(root)).toBeUndefined();
    expect(readFileSync(join(root, 'spec/openai-admin/spec.json'), 'utf8')).toBe(specByDaemon);
    expect(hashTree(join(root, 'generated'))).toEqual(byDaemon);
  });

  it('keeps generate’s emission memos in memory, uses them at once, and writes them when idle or stopping', () => {
    const root = project('memos');
    expect(run(root, ['import', '--from', newestOpenaiSpec(), '--target', 'openai-admin']).status).toBe(0);
    expect(run(root, ['generate']).status).toBe(0);
    // The next generate reuses every unit (held in memory, whether or not the file is written yet): nothing to write.
    const again = run(root, ['generate']);
    expect(again.stdout).toContain('(0 written, 0 removed; emitted on 1 thread)');
    expect(run(root, ['daemon', 'stop']).status).toBe(0);
    // Stopping did the work left for idle time: the memo of the client's emitter group (this thread's) is on disk.
    const memoFile = join(buildCacheDir, '../emit', `${contentHash(`${join(root, 'generated/openai-admin')}\0client`)}.json`);
    const saved = JSON.parse(readFileSync(memoFile, 'utf8')) as { dir: string; units: object };
    expect(saved.dir).toBe(join(root, 'generated/openai-admin'));
    expect(Object.keys(saved.units).length).toBeGreaterThan(10);
  });

  it('passes a failing command’s error and exit code through, and keeps serving', () => {
    const root = project('errors');
    const bad = join(root, 'bad.yaml');
    writeFileSync(bad, 'openapi: 3.1.0\ninfo:\n  title: Bad\n  version: "1"\npaths:\n  /a: [unclosed\n');
    const failed = run(root, ['import', '--from', bad, '--target', 'bad']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/bad\.yaml:\d+/);
    expect(served(root)).toBe(1);
    const unknown = run(root, ['generate', '--targte', 'x']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown option --targte/);
    expect(served(root)).toBe(2);
    // Nothing was written by the failed import.
    expect(() => readFileSync(join(root, 'spec/bad/spec.json'))).toThrow();
  });

  it('turns away a client that runs other generator code or another Node, which then runs the command itself', async () => {
    const root = project('stale');
    const send = (request: Record<string, unknown>) =>
      new Promise<string>((resolveReply, reject) => {
        const socket = connect(socketPath(repoRoot, root));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('close', () => resolveReply(text));
        socket.on('error', reject);
        socket.write(JSON.stringify({ v: 1, argv: ['build'], cwd: repoRoot, env: {}, ...request }) + '\n');
      });
    // The bundle as the launcher fingerprints it, read after a command (which rebuilds it when stale).
    const bundleFile = join(repoRoot, 'node_modules/.cache/openapi-tri-gen/generator.cjs');
    const bundle = () => `${statSync(bundleFile).size}:${statSync(bundleFile).mtimeMs}`;
    for (const request of [
      () => ({ bundle: 'another-bundle', runtime: runtimeId() }),
      () => ({ bundle: bundle(), runtime: `${runtimeId()}|--max-old-space-size=64` }),
    ]) {
      expect(run(root, ['build']).status).toBe(0);
      expect(served(root)).toBeGreaterThanOrEqual(1);
      expect(JSON.parse((await send(request())).trim())).toEqual({ stale: true });
      expect(await waitUntilStopped(root)).toBe(true);
    }
    // The same client's request is served: only the mismatch was turned away.
    expect(run(root, ['build']).status).toBe(0);
    expect(served(root)).toBe(1);
  });

  it('stops when told or idle, and never starts on CI or when turned off', async () => {
    const root = project('lifecycle');
    expect(run(root, ['build']).status).toBe(0);
    expect(served(root)).toBe(1);
    expect(run(root, ['daemon', 'stop']).stdout).toMatch(/stopped the generator daemon/);
    expect(await waitUntilStopped(root)).toBe(true);

    expect(run(root, ['build'], { TRIGEN_DAEMON_IDLE_SECONDS: '1' }).status).toBe(0);
    expect(served(root)).toBe(1);
    await sleep(1500);
    expect(await waitUntilStopped(root)).toBe(true);

    // A signal stops it cleanly: no socket file left behind.
    expect(run(root, ['build']).status).toBe(0);
    const pid = Number(/pid (\d+)/.exec(run(root, ['daemon', 'status']).stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGTERM');
    expect(await waitUntilStopped(root)).toBe(true);
    expect(existsSync(socketPath(repoRoot, root))).toBe(false);

    expect(run(root, ['build'], { TRIGEN_DAEMON: undefined, CI: 'true' }).status).toBe(0);
    expect(run(root, ['build'], { TRIGEN_DAEMON: '0' }).status).toBe(0);
    expect(served(root)).toBeUndefined();
    expect(run(root, ['daemon', 'restart']).status).toBe(2);
  });
});
