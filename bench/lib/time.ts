/** Timing helpers: in-process medians and child-process wall times. */
import { spawn } from 'node:child_process';

/** Run `fn` `warmup` times unmeasured, then `runs` times; return each run's ms. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Time several contenders round-robin (A B C A B C …) so that a noisy moment
 * hits all of them instead of one. Returns samples per contender name.
 */
export async function interleave(
  contenders: Record<string, () => unknown>,
  runs: number,
  warmup = 1,
): Promise<Record<string, number[]>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < warmup; i++) for (const n of names) await contenders[n]!();
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      collectGarbage();
      const started = performance.now();
      await contenders[n]!();
      samples[n]!.push(performance.now() - started);
    }
  }
  return samples;
}

export interface SpawnResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawn a process and time it from spawn to exit (cold start figures). With
 * `openStdin`, stdin is a pipe that is never written or closed, as execFile
 * and many agent frameworks leave it.
 */
export function timeSpawn(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000, openStdin = false): Promise<SpawnResult> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: [openStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ ms: performance.now() - started, code, stdout, stderr });
    });
  });
}

/** Round-robin spawn timings; throws if a contender exits non-zero. */
export async function interleaveSpawns(
  contenders: Record<string, { command: string; args: string[]; env?: Record<string, string>; openStdin?: boolean }>,
  runs: number,
  warmup = 1,
): Promise<Record<string, number[]>> {
  const fns: Record<string, () => Promise<void>> = {};
  const samples: Record<string, number[]> = {};
  for (const [name, c] of Object.entries(contenders)) {
    samples[name] = [];
    fns[name] = async () => {
      const r = await timeSpawn(c.command, c.args, c.env, 60_000, c.openStdin);
      if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
      samples[name]!.push(r.ms);
    };
  }
  for (let i = 0; i < warmup; i++) for (const fn of Object.values(fns)) await fn();
  for (const s of Object.values(samples)) s.length = 0;
  for (let i = 0; i < runs; i++) for (const fn of Object.values(fns)) await fn();
  return samples;
}

/** GC between samples when node runs with --expose-gc (the child runner does). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}
