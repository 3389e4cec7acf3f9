/**
 * Where a command's result goes: stdout, or `--output FILE`. A file is
 * written atomically: into a temporary file beside it, renamed over FILE
 * only when the command succeeds, and removed on an error or an interrupt,
 * so FILE is never left half-written (an existing FILE stays as it was).
 */
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './globals.js';

export interface Sink {
  /** A terminal: binary data is refused, and `auto` formats for people. */
  readonly isTTY: boolean;
  /** Text, already redacted. */
  text(s: string): void;
  /** Bytes as they came; resolves when the destination can take more. */
  bytes(chunk: Uint8Array): Promise<void>;
  /** Makes the output final. */
  commit(): void;
  /** Drops what was written. Safe to call twice, and from a signal handler. */
  discard(): void;
}

export interface StdoutLike {
  isTTY?: boolean;
  write(s: string): unknown;
  writeBytes?(chunk: Uint8Array): Promise<void> | void;
}

export function stdoutSink(stdout: StdoutLike, out: (s: string) => void): Sink {
  return {
    isTTY: !!stdout.isTTY,
    text: out,
    bytes: async (chunk) => {
      if (stdout.writeBytes) await stdout.writeBytes(chunk);
      else stdout.write(Buffer.from(chunk).toString('latin1'));
    },
    commit: () => undefined,
    discard: () => undefined,
  };
}

/** Opens the temporary file now, so a bad path is a usage error before any request. */
export function fileSink(path: string): Sink {
  try {
    if (statSync(path).isDirectory())
      throw new UsageError(`--output: ${path} is a directory`, 'name a file, e.g. --output ./out.bin');
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o666);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `the directory ${dir} does not exist`
        : code === 'EACCES' || code === 'EPERM'
          ? `cannot write in ${dir} (permission denied)`
          : `cannot write ${path} (${code ?? (e as Error).message})`;
    throw new UsageError(`--output: ${why}`, 'pass a path in a writable directory');
  }
  let done = false;
  const write = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length;) at += writeSync(fd!, bytes, at);
  };
  return {
    isTTY: false,
    text: (s) => write(Buffer.from(s, 'utf8')),
    bytes: async (chunk) => write(chunk),
    commit: () => {
      if (done) return;
      done = true;
      closeSync(fd!);
      renameSync(temp, path);
    },
    discard: () => {
      if (done) return;
      done = true;
      try {
        closeSync(fd!);
      } catch {
        /* already closed */
      }
      try {
        unlinkSync(temp);
      } catch {
        /* already gone */
      }
    },
  };
}
