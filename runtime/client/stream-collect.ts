/**
 * Reads a whole stream into one result under a byte cap, for callers that
 * cannot show events one by one (an MCP tool result, `--format json`):
 *
 *   const { final, events, truncated } = await collectStream(stream, {
 *     maxBytes: 1_000_000,
 *     onEvent: (event, index) => progress(index),
 *   });
 *
 * `final` is the last event `isFinal` accepts (by default one whose `type`
 * ends in `.completed`, such as `response.completed`), kept whatever its
 * size. `events` holds the events in order until their JSON passes
 * `maxBytes`; later ones are counted in `dropped`, and reading goes on so
 * `final` is still found.
 */

export interface CollectOptions<T> {
  /** Cap on the JSON bytes of `events` (default 1 MiB). */
  maxBytes?: number;
  /** Called for every event as it arrives, before the next is read. */
  onEvent?: (event: T, index: number) => void | Promise<void>;
  /** Which events are the final object; default: `type` ends in `.completed`. */
  isFinal?: (event: T) => boolean;
}

export interface CollectedStream<T> {
  /** The last event `isFinal` accepted, if any. */
  final: T | undefined;
  /** Events in order, as many as fit in `maxBytes`. */
  events: T[];
  /** How many events arrived in all. */
  count: number;
  /** Events left out of `events` because of the cap. */
  dropped: number;
  /** JSON bytes of `events`. */
  bytes: number;
  truncated: boolean;
  maxBytes: number;
}

export const DEFAULT_COLLECT_MAX_BYTES: number = 1024 * 1024;

export function isCompletedEvent(event: unknown): boolean {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  return typeof type === 'string' && (type === 'completed' || type.endsWith('.completed'));
}

/** UTF-8 length of a string without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export async function collectStream<T>(
  stream: AsyncIterable<T>,
  options: CollectOptions<T> = {},
): Promise<CollectedStream<T>> {
  const maxBytes = options.maxBytes ?? DEFAULT_COLLECT_MAX_BYTES;
  const isFinal = options.isFinal ?? isCompletedEvent;
  const out: CollectedStream<T> = {
    final: undefined,
    events: [],
    count: 0,
    dropped: 0,
    bytes: 0,
    truncated: false,
    maxBytes,
  };
  for await (const event of stream) {
    const index = out.count++;
    if (options.onEvent) await options.onEvent(event, index);
    if (isFinal(event)) out.final = event;
    if (out.truncated) {
      out.dropped++;
      continue;
    }
    // The array's commas and brackets count too, so `events` serializes within the cap.
    const size = utf8Length(JSON.stringify(event) ?? 'null') + (out.events.length === 0 ? 2 : 1);
    if (out.bytes + size > maxBytes) {
      out.truncated = true;
      out.dropped++;
      continue;
    }
    out.events.push(event);
    out.bytes += size;
  }
  return out;
}
