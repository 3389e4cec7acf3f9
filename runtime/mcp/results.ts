/**
 * What a client method resolved to → a CallToolResult: JSON as structured
 * content, a string as text, a binary Response as an embedded resource (under
 * a byte cap), and an event stream consumed into its final event or its
 * events (under a byte cap), with a progress notification per event.
 */
import { isTextual, mediaEssence, OCTET_STREAM } from '../shared/media-types.js';

export type ContentItem =
  | { type: 'text'; text: string }
  | {
      type: 'resource';
      resource: { uri: string; mimeType: string; blob: string } | { uri: string; mimeType: string; text: string };
    };

export interface ToolResult {
  [key: string]: unknown;
  content: ContentItem[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export function errorResult(message: string, detail?: Record<string, unknown>): ToolResult {
  const content: ContentItem[] = [{ type: 'text', text: message }];
  if (detail) content.push({ type: 'text', text: JSON.stringify(detail) });
  return { content, isError: true };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON as text, and as structured content when it is an object (a clean copy: the client decorates results). */
export function jsonResult(value: unknown): ToolResult {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return isPlainObject(value)
    ? { content: [{ type: 'text', text }], structuredContent: JSON.parse(text) }
    : { content: [{ type: 'text', text }] };
}

/**
 * The result of a tool that declares an output schema, which MCP clients hold
 * to structured content (an object) on success: no content (an empty 2xx
 * beside a JSON one, such as GitHub's `202 {}` or `204`) is `{}`; any other
 * value is the API breaking its own document, an error that shows what came.
 */
export function objectResult(value: unknown): ToolResult {
  if (isPlainObject(value)) return jsonResult(value);
  if (value === undefined || value === null || value === '')
    return { content: [{ type: 'text', text: '{}' }], structuredContent: {} };
  const what = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return errorResult(`The API answered with ${what} where its document promises a JSON object.`, { response: value });
}

export function textResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }] };
}

/** The resource URI: the request URL without its query (which may carry a key), else a name for the tool. */
function resourceUri(response: Response, tool: string): string {
  try {
    const url = new URL(response.url);
    return `${url.origin}${url.pathname}`;
  } catch {
    return `mcp-response:${tool}`;
  }
}

/** The body's bytes, or undefined (body cancelled) once it passes `max`. */
async function readCapped(response: Response, max: number): Promise<{ bytes?: Uint8Array; size?: number }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return { size: declared };
  }
  if (!response.body) return { bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return {};
    }
    chunks.push(value);
  }
  return { bytes: Buffer.concat(chunks, total) };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A binary response as an embedded resource: a base64 blob with its MIME type,
 * or text when the type is textual and the bytes are UTF-8. Beyond `maxBytes`
 * the body is not read further and the result says how to raise the cap.
 */
export async function binaryResult(response: Response, tool: string, maxBytes: number): Promise<ToolResult> {
  const mimeType = mediaEssence(response.headers.get('content-type')) || OCTET_STREAM;
  const { bytes, size } = await readCapped(response, maxBytes);
  if (!bytes) {
    const what = size !== undefined ? `${size} bytes` : `more than ${maxBytes} bytes`;
    return errorResult(
      `The response (${mimeType}) is ${what}, over this server's cap of ${maxBytes} bytes for binary results. ` +
        `Restart the server with a larger --max-binary-bytes (e.g. --max-binary-bytes ${Math.max(maxBytes * 2, size ?? 0)}) to receive it here, or download it with the API's client or CLI.`,
      { mime_type: mimeType, max_binary_bytes: maxBytes, ...(size !== undefined ? { bytes: size } : {}) },
    );
  }
  const uri = resourceUri(response, tool);
  let text: string | undefined;
  if (isTextual(mimeType)) {
    try {
      text = decoder.decode(bytes);
    } catch {
      text = undefined;
    }
  }
  const resource =
    text !== undefined
      ? { uri, mimeType, text }
      : { uri, mimeType, blob: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  return {
    content: [
      { type: 'resource', resource },
      {
        type: 'text',
        text: `${text !== undefined ? 'Text' : 'Binary'} response: ${bytes.byteLength} bytes of ${mimeType}, embedded as the resource ${uri}.`,
      },
    ],
  };
}

/** The client's `collectStream` (runtime/client/stream-collect.ts). */
export type CollectStream = (
  stream: AsyncIterable<unknown>,
  options: { maxBytes?: number; onEvent?: (event: unknown, index: number) => void },
) => Promise<{
  final: unknown;
  events: unknown[];
  count: number;
  dropped: number;
  truncated: boolean;
  maxBytes: number;
}>;

/** The event's `type` (or `event`), for progress messages. */
function eventLabel(event: unknown): string | undefined {
  if (!isPlainObject(event)) return undefined;
  const type = event.type ?? event.event ?? event.object;
  return typeof type === 'string' ? type : undefined;
}

/**
 * Reads the whole stream: `{final, count}` when a `*.completed` event came
 * (the last one), else `{events, count, truncated, max_bytes}` with the events
 * in order up to `maxBytes` of JSON. `onProgress` hears every event.
 */
export async function streamResult(
  stream: AsyncIterable<unknown>,
  collect: CollectStream,
  maxBytes: number,
  onProgress?: (progress: number, message?: string) => void,
): Promise<ToolResult> {
  const collected = await collect(stream, {
    maxBytes,
    onEvent: onProgress
      ? (event, index) =>
          onProgress(index + 1, `event ${index + 1}${eventLabel(event) ? `: ${eventLabel(event)}` : ''}`)
      : undefined,
  });
  const value: Record<string, unknown> =
    collected.final !== undefined
      ? { final: collected.final, count: collected.count }
      : {
          events: collected.events,
          count: collected.count,
          truncated: collected.truncated,
          max_bytes: collected.maxBytes,
          ...(collected.truncated
            ? {
                dropped: collected.dropped,
                note: `${collected.dropped} later events left out at the cap; the server's --max-stream-bytes raises it`,
              }
            : {}),
        };
  return jsonResult(value);
}
