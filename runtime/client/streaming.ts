/**
 * `Stream<T>`: the parsed events of a `text/event-stream` response, as an
 * async iterable (openai-node's names and behaviour):
 *
 *   const stream = await client.chat.completions.create({ …, stream: true });
 *   for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 *   stream.controller.abort();             // stops the request; the loop ends quietly
 *   const [a, b] = stream.tee();           // two independent readers
 *   new Response(stream.toReadableStream()) // NDJSON, back via Stream.fromReadableStream()
 *
 * Each event's `data` is parsed as JSON. `[DONE]` ends the events. An error
 * event throws APIStreamError; a dropped connection throws APIConnectionError.
 * Breaking out of the loop aborts the request.
 */
import { APIConnectionError, APIStreamError, ClientError } from './errors.js';
import { LineDecoder, SSEDecoder, type ServerSentEvent } from './sse.js';

export interface SSEStreamOptions {
  /** Removes secrets from error messages (the client passes its redactor). */
  scrub?: (text: string) => string;
}

type Chunk = Uint8Array | ArrayBuffer | string;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The fetch abort error of any runtime. */
function isAbortError(err: unknown): boolean {
  return (
    isObject(err) &&
    (err['name'] === 'AbortError' || String(err['message'] ?? '').includes('FetchRequestCanceledException'))
  );
}

const consumedError = () => new ClientError('Cannot iterate over a consumed stream, use `.tee()` to split the stream.');

/**
 * The chunks of a response body (a web ReadableStream, or a Node stream from a
 * fetch polyfill). Aborting `signal` cancels the read, so the loop ends even
 * when the body did not come from a fetch tied to that signal.
 */
async function* readBody(body: unknown, signal: AbortSignal): AsyncGenerator<Chunk> {
  const stream = body as ReadableStream<Chunk> & AsyncIterable<Chunk>;
  if (typeof stream.getReader !== 'function') {
    for await (const chunk of stream) yield chunk;
    return;
  }
  const reader = stream.getReader();
  let finished = false;
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value !== undefined && value !== null) yield value;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    if (!finished) cancel();
  }
}

/** Parses one event's data; throws the typed error for an error event. */
function parseEvent(
  sse: ServerSentEvent,
  headers: Headers | undefined,
  scrub: ((t: string) => string) | undefined,
): unknown {
  let data: unknown;
  try {
    data = JSON.parse(sse.data) as unknown;
  } catch (err) {
    if (sse.event === 'error')
      throw new APIStreamError(undefined, sse.data || 'error event', headers, sse.event, sse.data, scrub);
    const where = sse.event ? ` (event "${sse.event}")` : '';
    throw new ClientError(`Could not parse a server-sent event${where} as JSON: ${sse.data.slice(0, 200)}`, {
      cause: err,
    });
  }
  if (sse.event === 'error' || (isObject(data) && (data['error'] || data['type'] === 'error'))) {
    const inner = isObject(data) && data['error'] ? data['error'] : data;
    throw new APIStreamError(inner, undefined, headers, sse.event, data, scrub);
  }
  return data;
}

export class Stream<Item> implements AsyncIterable<Item> {
  /** Aborting it stops the request; a loop over the stream then ends without an error. */
  controller: AbortController;
  #iterator: () => AsyncIterator<Item>;

  constructor(iterator: () => AsyncIterator<Item>, controller: AbortController) {
    this.#iterator = iterator;
    this.controller = controller;
  }

  /** The events of an SSE response. The body is read only when the stream is iterated. */
  static fromSSEResponse<Item>(
    response: Response,
    controller: AbortController,
    options: SSEStreamOptions = {},
  ): Stream<Item> {
    let consumed = false;
    const signal = controller.signal;
    async function* iterator(): AsyncGenerator<Item> {
      if (consumed) throw consumedError();
      consumed = true;
      if (!response.body) {
        controller.abort();
        throw new ClientError('Attempted to iterate over a response with no body.');
      }
      const headers = response.headers;
      const decoder = new SSEDecoder();
      let done = false;
      let sawDone = false;
      try {
        for await (const chunk of readBody(response.body, signal)) {
          for (const sse of decoder.decode(chunk)) {
            // After [DONE] the rest is drained, so the connection can be reused.
            if (sawDone) continue;
            if (sse.data.startsWith('[DONE]')) sawDone = true;
            else yield parseEvent(sse, headers, options.scrub) as Item;
          }
        }
        if (signal.aborted) return;
        for (const sse of decoder.flush()) {
          if (sawDone) break;
          if (sse.data.startsWith('[DONE]')) sawDone = true;
          else yield parseEvent(sse, headers, options.scrub) as Item;
        }
        done = true;
      } catch (err) {
        // `stream.controller.abort()` (or the request's signal) ends the loop quietly, as in openai-node.
        if (signal.aborted || isAbortError(err)) return;
        if (err instanceof ClientError) throw err;
        throw new APIConnectionError({ message: 'Connection error while reading the event stream.', cause: err });
      } finally {
        // A `break` out of the loop (or an error) stops the request.
        if (!done) controller.abort();
      }
    }
    return new Stream(iterator, controller);
  }

  /**
   * The stream of `toReadableStream()` back: one JSON value per line.
   * `controller` defaults to a new one.
   */
  static fromReadableStream<Item>(
    readableStream: ReadableStream<Uint8Array> | AsyncIterable<Chunk>,
    controller: AbortController = new AbortController(),
  ): Stream<Item> {
    let consumed = false;
    const signal = controller.signal;
    async function* iterator(): AsyncGenerator<Item> {
      if (consumed) throw consumedError();
      consumed = true;
      const lines = new LineDecoder();
      let done = false;
      try {
        for await (const chunk of readBody(readableStream, signal)) {
          for (const line of lines.decode(chunk)) if (line) yield JSON.parse(line) as Item;
        }
        if (signal.aborted) return;
        for (const line of lines.flush()) if (line) yield JSON.parse(line) as Item;
        done = true;
      } catch (err) {
        if (signal.aborted || isAbortError(err)) return;
        throw err;
      } finally {
        if (!done) controller.abort();
      }
    }
    return new Stream(iterator, controller);
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.#iterator();
  }

  /**
   * Two streams that each see every event and can be read at their own pace
   * (events one reader is ahead by are held in memory for the other).
   */
  tee(): [Stream<Item>, Stream<Item>] {
    const left: Array<Promise<IteratorResult<Item>>> = [];
    const right: Array<Promise<IteratorResult<Item>>> = [];
    const iterator = this.#iterator();
    const teeIterator = (queue: Array<Promise<IteratorResult<Item>>>): AsyncIterator<Item> => ({
      next: () => {
        if (queue.length === 0) {
          const result = iterator.next();
          left.push(result);
          right.push(result);
        }
        return queue.shift()!;
      },
    });
    return [
      new Stream(() => teeIterator(left), this.controller),
      new Stream(() => teeIterator(right), this.controller),
    ];
  }

  /** The events as NDJSON bytes (one JSON value per line), e.g. to send to a browser. */
  toReadableStream(): ReadableStream<Uint8Array> {
    let iter: AsyncIterator<Item> | undefined;
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      start: () => {
        iter = this[Symbol.asyncIterator]();
      },
      pull: async (ctrl) => {
        try {
          const { value, done } = await iter!.next();
          if (done) return ctrl.close();
          ctrl.enqueue(encoder.encode(JSON.stringify(value) + '\n'));
        } catch (err) {
          ctrl.error(err);
        }
      },
      cancel: async () => {
        await iter?.return?.();
      },
    });
  }
}
