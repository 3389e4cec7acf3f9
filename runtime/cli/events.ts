/**
 * Commands that stream server-sent events. Whether a call streams comes from
 * the table (`stream`: always, or when a param such as `--stream` is set),
 * and the events print as they arrive, one write per event:
 *
 *   auto, jsonl  one JSON object per line (JSONL), on a terminal too
 *   pretty       coloured JSON per event; a string (after --transform) prints as it is,
 *                so `--transform choices.0.delta.content --format pretty` reads as live text
 *   yaml         one YAML document per event (`---` before each)
 *   json         one JSON array of every event, printed at the end
 *   table        one row per event, printed at the end
 *
 * `--transform` applies to each event; an event whose projection is null or
 * missing is skipped. If the stream fails (an error event, a dropped
 * connection), what was printed stays, json and table print the events
 * received so far, and the error follows on stderr (exit 1).
 */
import type { CommandSpec } from './table.js';
import { colorJSON, render, type OutputContext } from './output.js';
import { applyPath, compilePath } from './transform.js';
import { loadYaml } from './values.js';

type Obj = Record<string, unknown>;

/** Whether this call streams: the command always does, or its switch param has the switch value. */
export function streamsNow(cmd: CommandSpec, params: Obj): boolean {
  if (!cmd.stream) return false;
  if (cmd.stream.param === undefined) return true;
  return params[cmd.stream.param] === (cmd.stream.value ?? true);
}

/** Whether the client itself returns a Stream for the call (else the CLI parses the raw Response). */
export function clientStreams(cmd: CommandSpec): boolean {
  return (
    !!cmd.stream && (cmd.stream.param === undefined || cmd.stream.value === undefined || cmd.stream.value === true)
  );
}

/** The stream switch as a user types it, for help: `--stream`, `--stream-format sse`, or undefined (always). */
export function streamSwitch(cmd: CommandSpec): string | undefined {
  const param = cmd.stream?.param;
  if (param === undefined) return undefined;
  const flag = cmd.flags.find((f) => f.name === param)?.flag ?? param;
  const value = cmd.stream!.value;
  return value === undefined || value === true ? `--${flag}` : `--${flag} ${String(value)}`;
}

export interface StreamPrint {
  format?: string;
  transform?: string;
  /** Writes text (redacted) to the destination. */
  write(s: string): void;
  ctx: OutputContext;
}

/** Prints each event as it arrives (or all at the end for json/table); returns the number printed. */
export async function printStream(events: AsyncIterable<unknown>, o: StreamPrint): Promise<number> {
  const format = !o.format || o.format === 'auto' ? 'jsonl' : o.format;
  const steps = o.transform ? compilePath(o.transform) : undefined;
  const stringify = format === 'yaml' ? (await loadYaml()).stringify : undefined;
  const collected: unknown[] = [];
  let count = 0;
  let openLine = false;
  const emit = (value: unknown) => {
    count++;
    switch (format) {
      case 'json':
      case 'table':
        collected.push(value);
        return;
      case 'yaml':
        o.write('---\n' + stringify!(value, { lineWidth: 0 }));
        return;
      case 'pretty':
        if (typeof value === 'string') {
          o.write(value);
          openLine = value !== '' && !value.endsWith('\n');
        } else {
          o.write((openLine ? '\n' : '') + colorJSON(value, o.ctx.color) + '\n');
          openLine = false;
        }
        return;
      default:
        o.write(JSON.stringify(value) + '\n');
    }
  };
  const finish = async () => {
    if (format === 'json') o.write(JSON.stringify(collected, null, 2) + '\n');
    else if (format === 'table') o.write(await render(collected, 'table', o.ctx));
    else if (openLine) o.write('\n');
  };
  try {
    for await (const event of events) {
      const value = steps ? applyPath(event, steps) : event;
      if (value === null || value === undefined) continue;
      emit(value);
    }
  } finally {
    await finish();
  }
  return count;
}
