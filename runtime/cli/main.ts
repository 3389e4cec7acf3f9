/**
 * Process glue for the generated bin: real argv, env, stdio and files. The
 * generated entry passes the table loader and the client loader.
 */
import { fstatSync, readFileSync } from 'node:fs';
import { run, type CliDeps, type Host } from './run.js';

/**
 * Reads stdin only when it is a pipe, socket (how Node spawns children) or
 * file, so a terminal or /dev/null never blocks. Only commands that take a
 * body call this.
 */
async function readStdin(): Promise<string | undefined> {
  let st;
  try {
    st = fstatSync(0);
  } catch {
    return undefined;
  }
  if (!st.isFIFO() && !st.isFile() && !st.isSocket()) return undefined;
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    // A non-blocking pipe says EAGAIN: read it the stream way instead.
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

export async function main(deps: CliDeps): Promise<void> {
  const host: Host = {
    argv: process.argv.slice(2),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
    readFile: (path) => readFileSync(path, 'utf8'),
  };
  // `… | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Exit code via process.exitCode so piped stdout is flushed before exit.
  process.exitCode = await run(host, deps);
}
