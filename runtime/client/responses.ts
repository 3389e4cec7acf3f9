/**
 * How a 2xx response becomes what a method resolves to, by the operation's
 * `response` kind and `stream` flag: parsed JSON, a string, the raw Response
 * (binary: body intact, as openai-node returns audio), nothing (unless the
 * server sends something all the same), or a Stream.
 */
import { parseResponseBody } from './api-promise.js';
import { APIConnectionError, APIUserAbortError } from './errors.js';
import type { OperationSpec } from './operation.js';
import { Stream } from './streaming.js';

/** Whether this call streams: the op offers an event stream and `stream.param` is true (or absent). */
export function isStreamingCall(op: OperationSpec, params: object | null | undefined): boolean {
  if (!op.stream) return false;
  if (op.stream.param === undefined) return true;
  return (params as Record<string, unknown> | null | undefined)?.[op.stream.param] === true;
}

/** The Accept header for the call: the media the parse step expects. */
export function acceptFor(op: OperationSpec, streaming: boolean): string {
  if (streaming) return 'text/event-stream';
  if (op.response === 'binary' || op.response === 'text') return '*/*';
  return 'application/json';
}

function bodyReadError(err: unknown): Error {
  // The timeout is over once headers arrive, so an abort here is the caller's.
  if ((err as { name?: unknown } | null)?.name === 'AbortError') return new APIUserAbortError();
  return new APIConnectionError({ message: 'Connection error while reading the response body.', cause: err });
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (err) {
    throw bodyReadError(err);
  }
}

/** The parse step of a non-streaming call. */
export function responseParser<T>(op: OperationSpec): (response: Response) => Promise<T> {
  switch (op.response) {
    case 'binary':
      return async (response) => response as unknown as T;
    case 'text':
      return async (response) => (await readText(response)) as unknown as T;
    case 'empty':
      // Read (not cancel) what there is, so the connection is reused. The document says there is no content; what
      // a server sends anyway is returned, as openai-node's parse does, not dropped.
      return readAnyBody as (response: Response) => Promise<T>;
    case 'json':
    default:
      if (op.computed) {
        const computed = op.computed;
        return async (response) => fillComputed(await parseResponseBody(response), computed) as T;
      }
      return async (response) => (await parseResponseBody(response)) as T;
  }
}

/**
 * Sets each computed property of a JSON object the server did not send as a
 * string: the strings its path reaches, joined. A path is `key` steps joined
 * by dots; an array met on the way is walked item by item, and `key[field=value]`
 * keeps only the items whose `field` is `value`. So
 * `output[type=message].content[type=output_text].text` is the text of every
 * output_text part of every message, as openai-node's `output_text` ('' when none).
 */
export function fillComputed(body: unknown, computed: Record<string, string>): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const obj = body as Record<string, unknown>;
  for (const [property, path] of Object.entries(computed)) {
    if (typeof obj[property] === 'string') continue;
    let values: unknown[] = [obj];
    for (const step of path.split('.')) {
      const m = /^([^[]+)(?:\[([^=\]]+)=([^\]]*)\])?$/.exec(step);
      if (!m) return body;
      const [, key, field, value] = m as unknown as [string, string, string | undefined, string | undefined];
      values = values.flatMap((v) => {
        const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
        const items = Array.isArray(next) ? next : next === undefined ? [] : [next];
        return field === undefined
          ? items
          : items.filter((x) => x && typeof x === 'object' && String((x as Record<string, unknown>)[field]) === value);
      });
    }
    obj[property] = values.filter((v): v is string => typeof v === 'string').join('');
  }
  return body;
}

/**
 * A body of no documented kind (an empty-kind operation's, a custom
 * `client.get()`'s): undefined when there is none, parsed JSON when the
 * Content-Type says JSON (its text when it does not parse), else the text.
 */
export async function readAnyBody(response: Response): Promise<unknown> {
  const text = await readText(response);
  if (!text) return undefined;
  if (/json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The parse step of a streaming call: a Stream over the body, aborted through `controller`. */
export function streamParser<T>(
  controller: AbortController,
  scrub: (text: string) => string,
): (response: Response) => Promise<T> {
  return async (response) => Stream.fromSSEResponse(response, controller, { scrub }) as unknown as T;
}

/**
 * Waits for the first chunk of a streaming body, so that a connection that
 * fails before any byte arrives is retried like any other (and the attempt's
 * timeout covers that wait). Returns a Response with the same status,
 * headers and URL whose body starts with that chunk. Once a byte has
 * arrived the request is never retried: events may already be consumed.
 */
export async function afterFirstChunk(response: Response): Promise<Response> {
  const body = response.body;
  // A fetch polyfill's Node stream body has no reader: it is passed on as it is.
  if (!body || typeof body.getReader !== 'function') return response;
  const reader = body.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (err) {
    void reader.cancel().catch(() => {});
    throw err;
  }
  let pending: Uint8Array | undefined = first.done ? undefined : first.value;
  let ended = first.done;
  const rest = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (pending) {
          controller.enqueue(pending);
          pending = undefined;
          return;
        }
        if (ended) return controller.close();
        try {
          const { done, value } = await reader.read();
          if (done) {
            ended = true;
            controller.close();
          } else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const copy = new Response(rest, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}
