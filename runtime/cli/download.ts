/**
 * Binary responses (audio, file contents, images): the client hands back the
 * raw Response, and its body goes chunk by chunk to `--output FILE` (written
 * atomically, see sink.ts) or to a piped stdout, never held in memory whole.
 * A terminal is refused before any request (run.ts): bytes there are garbage
 * and can upset it.
 */
import type { CommandSpec } from './table.js';
import type { GlobalOptions } from './globals.js';
import { UsageError } from './globals.js';
import type { Sink } from './sink.js';
import { ByteProgress, type ProgressStream } from './progress.js';

/** Usage checks for a command whose response is bytes, run before any request. */
export function checkBinaryUsage(cmd: CommandSpec, g: GlobalOptions, stdoutIsTTY: boolean, bin: string): void {
  const name = `'${cmd.group} ${cmd.command}'`;
  if (g.transform !== undefined)
    throw new UsageError(`--transform does not apply: ${name} returns binary data`, 'drop --transform');
  if (g.format !== undefined && g.format !== 'auto')
    throw new UsageError(`--format does not apply: ${name} returns binary data, written as it comes`, 'drop --format');
  if ((g.output === undefined || g.output === '-') && stdoutIsTTY && !g.dryRun) {
    throw new UsageError(
      `${name} returns binary data; not printing it to the terminal`,
      `write it to a file with --output FILE, or pipe it: ${bin} ${cmd.group} ${cmd.command} … > FILE`,
    );
  }
}

/**
 * Copies the body to the sink as it arrives (the caller commits or discards
 * the sink), showing a long download's progress on a terminal's stderr.
 */
export async function writeBinary(response: Response, sink: Sink, stderr: ProgressStream): Promise<number> {
  const body = response.body;
  if (!body) return 0;
  const length = Number(response.headers.get('content-length'));
  const progress = new ByteProgress(stderr, Number.isFinite(length) && length > 0 ? length : undefined);
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      await sink.bytes(chunk);
      progress.add(chunk.byteLength);
    }
  } finally {
    progress.clear();
  }
  return 0;
}
