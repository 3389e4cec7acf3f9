/**
 * Process glue for the generated bin: real argv, env, stdio and files. The
 * generated entry passes the table loader and the client loader.
 */
import { fstatSync, readFileSync, writeSync } from 'node:fs';
import { readStdin } from './stdin.js';
import { run, type CliDeps, type Host } from './run.js';

/** `process.stdout`, with `… | head` closing the pipe early treated as a normal end, not a stack trace. */
function streamStdout(): NodeJS.WriteStream {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return process.stdout;
}

/**
 * stdout for a pipe, socket or file: plain `writeSync`, because touching
 * `process.stdout` there loads Node's stream modules (about 4 ms of a 20 ms
 * start-up). A terminal (or /dev/null) gets the real stream, for columns and
 * colours. A full non-blocking pipe (EAGAIN) hands the rest, and every later
 * write, to the stream so output stays in order.
 */
function fastStdout(): Host['stdout'] {
  let kind;
  try {
    kind = fstatSync(1);
  } catch {
    return streamStdout();
  }
  if (!kind.isFIFO() && !kind.isFile() && !kind.isSocket()) return streamStdout();
  let stream: NodeJS.WriteStream | undefined;
  return {
    isTTY: false,
    write(text: string): boolean {
      if (stream) return stream.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += writeSync(1, bytes, offset);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
          if (code !== 'EAGAIN') throw e;
          stream = streamStdout();
          return stream.write(bytes.subarray(offset));
        }
      }
      return true;
    },
  };
}

export async function main(deps: CliDeps): Promise<void> {
  const host: Host = {
    argv: process.argv.slice(2),
    env: process.env,
    stdout: fastStdout(),
    // Reached only when there is something to say: creating process.stderr costs start-up time too.
    stderr: {
      write: (text: string) => process.stderr.write(text),
      // Read only by a long list walk, to decide whether to show its progress line.
      get isTTY() {
        return process.stderr.isTTY === true;
      },
    },
    readStdin: (mode) => readStdin(mode),
    readFile: (path) => readFileSync(path, 'utf8'),
  };
  // Exit code via process.exitCode so piped stdout is flushed before exit.
  process.exitCode = await run(host, deps);
}
