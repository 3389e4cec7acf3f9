/**
 * Stdin as a request body, read only when there is something to read.
 *
 * `poll` (a body command given no body flags): a regular file is read when it
 * is not empty; a pipe or socket is read only when data arrives within about
 * 10 ms, as the official CLI does. A parent that leaves stdin open and idle
 * (Node's execFile, agent frameworks, IDE terminals, CI runners) so never
 * delays a command by more than that. A terminal or /dev/null is never read.
 *
 * `wait` (`--data -`): the user asked for stdin, so it is read to its end,
 * whatever it is (a terminal too: type the body, then Ctrl-D).
 */
import { fstatSync, readFileSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';

export type StdinMode = 'poll' | 'wait';

/** How long `poll` waits for the first byte on a pipe or socket. */
export const STDIN_POLL_MS = 10;

function statStdin(): Stats | undefined {
  try {
    return fstatSync(0);
  } catch {
    return undefined;
  }
}

export async function readStdin(mode: StdinMode, pollMs: number = STDIN_POLL_MS): Promise<string | undefined> {
  const st = statStdin();
  if (!st) return undefined;
  if (st.isFile()) return mode === 'wait' || st.size > 0 ? readFileSync(0, 'utf8') : undefined;
  const piped = st.isFIFO() || st.isSocket();
  if (mode === 'poll') return piped ? pollStream(process.stdin, pollMs) : undefined;
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    // A non-blocking pipe or terminal says EAGAIN: read it the stream way instead.
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

/**
 * Resolves with everything the stream sends when its first byte (or its end)
 * comes within `ms`; otherwise with undefined, and the stream is let go so an
 * open stdin cannot keep the process alive.
 */
export function pollStream(stream: Readable, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (value: string | undefined, release: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      if (release) stream.destroy();
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    };
    const onEnd = () => finish(chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined, false);
    const onError = () => finish(undefined, true);
    // When the timer fires, give the event loop's I/O phase one more turn (setImmediate
    // runs after it): bytes already waiting in the pipe are seen even when this process
    // was descheduled for longer than `ms` on a busy machine.
    const timer = setTimeout(() => setImmediate(() => chunks.length === 0 && finish(undefined, true)), ms);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
