/**
 * Whole commands as a maintainer types them: `npm run import -- …`, `npm run
 * generate`, `openapi-typescript doc.yaml -o types.ts`, each a process timed
 * from spawn to exit, with its peak memory (the largest process of the tree,
 * from GNU time when the machine has it).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

export interface Step {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export interface StepResult {
  ms: number;
  /** Peak resident memory of the largest process, in bytes (undefined without GNU time). */
  peakBytes?: number;
  /**
   * User + system CPU time of the processes the command waited for, in ms
   * (undefined without GNU time). Far steadier than wall time on a loaded
   * machine; esbuild's service process is not waited for, so not counted.
   */
  cpuMs?: number;
}

let counter = 0;

/** Run one command to completion; throws with its last output lines on a non-zero exit. */
export function runStep(step: Step, scratchDir: string): Promise<StepResult> {
  const memFile = join(scratchDir, `mem-${process.pid}-${counter++}.txt`);
  const [command, args] = hasGnuTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', memFile, step.command, ...step.args]] : [step.command, step.args];
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...step.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let peakBytes: number | undefined;
      let cpuMs: number | undefined;
      if (hasGnuTime && existsSync(memFile)) {
        const [kb, user, system] = (readFileSync(memFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        if (Number.isFinite(kb)) peakBytes = kb! * 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user! + system!) * 1000;
        rmSync(memFile, { force: true });
      }
      if (code !== 0) {
        reject(new Error(`${[step.command, ...step.args].join(' ').slice(0, 120)} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      resolveRun({ ms, peakBytes, cpuMs });
    });
  });
}

export interface SequenceResult {
  /** Total wall time of the steps, run one after another. */
  ms: number;
  steps: number[];
  /** The largest peak of any step. */
  peakBytes?: number;
  /** Total CPU time of the steps (see StepResult.cpuMs). */
  cpuMs?: number;
}

export async function runSequence(steps: Step[], scratchDir: string): Promise<SequenceResult> {
  const times: number[] = [];
  let peak: number | undefined;
  let cpu: number | undefined;
  for (const step of steps) {
    const r = await runStep(step, scratchDir);
    times.push(r.ms);
    if (r.peakBytes !== undefined) peak = Math.max(peak ?? 0, r.peakBytes);
    if (r.cpuMs !== undefined) cpu = (cpu ?? 0) + r.cpuMs;
  }
  return { ms: times.reduce((a, b) => a + b, 0), steps: times, peakBytes: peak, cpuMs: cpu };
}

/**
 * `npm run <script> -- <args>` against the project folder `root` (TRIGEN_ROOT).
 * `daemon` sets TRIGEN_DAEMON: true as on a maintainer's machine (the
 * default there), false as on CI (one process per command); unset, the
 * environment decides.
 */
export function npmRun(script: string, args: string[], root?: string, daemon?: boolean): Step {
  const env: Record<string, string> = root ? { TRIGEN_ROOT: root } : {};
  if (daemon !== undefined) env.TRIGEN_DAEMON = daemon ? '1' : '0';
  return { command: 'npm', args: ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], env };
}

/** Stop the generator daemon of project folder `root`, if one runs (untimed; frees its memory for the next rounds). */
export async function stopDaemon(root: string, scratchDir: string): Promise<void> {
  await runStep({ command: process.execPath, args: [join(repoRoot, 'generator/launch.cjs'), 'daemon', 'stop'], env: { TRIGEN_ROOT: root } }, scratchDir);
}

/** `openapi-typescript <doc> -o <out>`, the peer's command as its users type it. */
export function openapiTypescript(doc: string, out: string): Step {
  return { command: join(repoRoot, 'node_modules/.bin/openapi-typescript'), args: [doc, '-o', out] };
}

/**
 * A fresh project folder for a cold run: an empty spec/ and generated/, or a
 * copy of the committed spec/<target>/ (config and locked names) when
 * `fromRepo` is given. Each call gets a new folder, so no build cache applies.
 *
 * Measures delete these folders when they end, never between rounds: on ext4,
 * creating a file right after thousands were deleted (within ~5–35 s) scans
 * past the recently freed inodes, so a cold run timed just after the previous
 * round's tree was removed paid up to 4× the system time for its ~3,000 file
 * creations (perf: find_inode_bit / recently_deleted), a cost of the harness
 * that the peer, writing one file, never pays.
 */
export function freshProject(scratchDir: string, fromRepo?: string): string {
  const root = join(scratchDir, `project-${process.pid}-${counter++}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'spec'), { recursive: true });
  if (fromRepo) {
    cpSync(join(repoRoot, 'spec', fromRepo), join(root, 'spec', fromRepo), { recursive: true });
  }
  return root;
}

/** Least-squares slope of log(value) against log(size): 1 is linear growth. */
export function growthExponent(points: Array<{ size: number; value: number }>): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.value));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}
