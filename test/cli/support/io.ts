/**
 * The io fixture (test/cli/fixtures/cli-io.yaml: event streams with a flag,
 * always and by an enum value, multipart and json-or-multipart uploads,
 * binary and text responses, raw sdp and octet-stream bodies, a form body)
 * generated and built as a real package, and a spawner that exposes the
 * running child: its stdout as bytes and as it arrives, and signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../../generator/commands/import.js';
import { emitAll } from '../../../generator/commands/generate.js';
import { replaceDirectory } from '../../../generator/write.js';
import { buildCli } from '../../../generator/build/cli.js';
import { buildClient } from '../../../generator/build/client.js';
import { repoRoot } from '../../support/shared.js';

export const IO_KEY = 'sk-io-secret-0123456789';

/** Each test file builds into its own folder, so files can run in parallel. */
export class IoCli {
  readonly dir: string;
  readonly bin: string;
  constructor(name: string) {
    this.dir = join(repoRoot, '.tmp/test-cli-io', name);
    this.bin = join(this.dir, 'pkgs/cli/bin/io-demo.js');
  }

  /** Imports the fixture, builds its client and bundles its CLI (which embeds the built client). */
  async build(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const { spec } = await importDocument({ from: join(import.meta.dirname, '../fixtures/cli-io.yaml'), target: 'io-demo', root: join(this.dir, 'root'), relock: true });
    replaceDirectory(join(this.dir, 'pkgs'), new Map([...emitAll(spec)].filter(([path]) => !path.startsWith('mcp/'))));
    await buildClient(join(this.dir, 'pkgs/client'));
    await buildCli(join(this.dir, 'pkgs/cli'));
    if (!existsSync(this.bin)) throw new Error(`${this.bin} was not built`);
  }

  start(args: string[], baseURL: string, options: SpawnOptions = {}): Running {
    return startCli(this.bin, args, baseURL, { cwd: this.dir, ...options });
  }

  run(args: string[], baseURL: string, options: SpawnOptions = {}) {
    return this.start(args, baseURL, options).done;
  }
}

export interface Running {
  child: ChildProcess;
  /** Everything on stdout so far, as bytes. */
  stdout(): Buffer;
  stderr(): string;
  /** Resolves once stdout contains `text`. */
  sawOnStdout(text: string): Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Bytes piped to stdin (then closed); without it stdin is /dev/null. */
  input?: Buffer | string;
  /** Node flags before the bin (e.g. `--require` a probe). */
  nodeArgs?: string[];
  cwd?: string;
}

/** Starts the io-demo bin with the key and base URL set, NO_COLOR, and none of the parent's IO_DEMO_* vars. */
function startCli(bin: string, args: string[], baseURL: string, options: SpawnOptions): Running {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('IO_DEMO_')) env[k] = v;
  Object.assign(env, { IO_DEMO_API_KEY: IO_KEY, IO_DEMO_BASE_URL: baseURL, NO_COLOR: '1' }, options.env);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    env,
    cwd: options.cwd,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let err = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout!.on('data', (c: Buffer) => {
    out.push(c);
    const text = Buffer.concat(out).toString();
    for (const w of waiters.splice(0)) (text.includes(w.text) ? w.resolve : () => waiters.push(w))();
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  if (options.input !== undefined) child.stdin!.end(options.input);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`io-demo ${args.join(' ')} did not finish in 60 s\n${err}`));
    }, 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err });
    });
  });
  return {
    child,
    stdout: () => Buffer.concat(out),
    stderr: () => err,
    sawOnStdout: (text) =>
      new Promise<void>((resolve, reject) => {
        if (Buffer.concat(out).toString().includes(text)) return resolve();
        waiters.push({ text, resolve });
        void done.then(() => reject(new Error(`the CLI exited before printing ${JSON.stringify(text)}; stdout: ${Buffer.concat(out).toString()} stderr: ${err}`)));
      }),
    done,
  };
}

/** Writes one server-sent event. */
export function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Parses a multipart/form-data request body with the platform's own parser. */
export async function parseMultipart(body: Buffer, contentType: string): Promise<FormData> {
  return new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
}

/** Shell-quotes argv for `script -c`. */
export function shellLine(argv: string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}
