/**
 * Runs the real built `openai-admin` bin as a child process. The global test
 * setup builds generated packages whose bin is missing; this module only
 * locates the bin and the command table next to it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandTable } from '../../../runtime/cli/table.js';
import { repoRoot } from '../../support/shared.js';

export const cliDir = join(repoRoot, 'generated/openai-admin/cli');
export const cliBin = join(cliDir, 'bin/openai-admin.js');

export function loadTable(): CommandTable {
  return JSON.parse(readFileSync(join(cliDir, 'src/commands.json'), 'utf8')) as CommandTable;
}

export function assertBuilt(): void {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: run \`npm run generate\` (or \`npm run build\`) first`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra env; the parent's OPENAI_* variables are never inherited. */
  env?: Record<string, string | undefined>;
  /** Text piped to stdin; without it stdin is /dev/null. */
  input?: string;
  /** Give stdin as a pipe that is never written or closed (a careless parent process). */
  openStdin?: boolean;
  /** Stdin as an open file descriptor (e.g. a file, as `< file` gives it). */
  stdinFd?: number;
  /** Gets the stdin pipe to write when and what it likes. */
  feed?: (stdin: NodeJS.WritableStream) => void;
  cwd?: string;
  timeoutMs?: number;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OPENAI_')) env[k] = v;
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  env['NO_COLOR'] = '1';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      env,
      cwd: options.cwd ?? repoRoot,
      stdio: [options.stdinFd ?? (options.input === undefined && !options.openStdin && !options.feed ? 'ignore' : 'pipe'), 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`openai-admin ${args.join(' ')} did not finish in ${options.timeoutMs ?? 30_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    options.feed?.(child.stdin!);
  });
}

/** Runs tasks with at most `limit` in flight (child processes are the bottleneck). */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
