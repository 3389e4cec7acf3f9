import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIStreamError,
  APIUserAbortError,
  ClientError,
  InternalServerError,
  Stream,
  collectStream,
} from '../../runtime/client/index.js';
import { createChatCompletion, followEvents, ioClient } from './support/io-ops.js';
import { sleep, startRawServer, writeInPieces, type RawServer } from './support/raw-server.js';

const recording = readFileSync(join(import.meta.dirname, 'fixtures', 'chat-completion.sse'));
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_stream_1' };

interface Chunk {
  object: string;
  choices: Array<{ delta: { content?: string } }>;
}

/** The events of the recording, parsed independently of the runtime. */
const expectedEvents = recording
  .toString('utf8')
  .split('\n\n')
  .filter((block) => block.startsWith('data: ') && !block.startsWith('data: [DONE]'))
  .map((block) => JSON.parse(block.slice('data: '.length)) as Chunk);

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

describe('stream: true', () => {
  it('resolves to a Stream of parsed events, sent in small pieces, ending at [DONE]', async () => {
    server.handle(async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      await writeInPieces(res, recording, 61);
      res.end();
    });
    const client = ioClient(server.url);
    const stream = await client.request<Stream<Chunk>>(createChatCompletion, { model: 'gpt-4o', messages: [], stream: true });
    expect(stream).toBeInstanceOf(Stream);
    const events = await collect(stream);
    expect(events).toEqual(expectedEvents);
    expect(events).toHaveLength(30);
    const req = server.requests[0]!;
    expect(req.headers['accept']).toBe('text/event-stream');
    expect(JSON.parse(req.body.toString())).toEqual({ model: 'gpt-4o', messages: [], stream: true });
  });

  it('without stream: true the same operation returns parsed JSON', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"chat.completion"}');
    });
    const client = ioClient(server.url);
    const out = await client.request<{ object: string }>(createChatCompletion, { model: 'm', messages: [] });
    expect(out).toEqual({ object: 'chat.completion' });
    expect(server.requests[0]!.headers['accept']).toBe('application/json');
  });

  it('an operation without a stream param always streams', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.end('event: tick\ndata: {"n":1}\n\nevent: tick\ndata: {"n":2}\n\n');
    });
    const events = await collect(await ioClient(server.url).request<Stream<{ n: number }>>(followEvents));
    expect(events).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('withResponse() gives the Stream with the response and request id; asResponse() the raw body intact', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.end(recording);
    });
    const client = ioClient(server.url);
    const { data, response, request_id } = await client.request<Stream<Chunk>>(createChatCompletion, { stream: true }).withResponse();
    expect(request_id).toBe('req_stream_1');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await collect(data)).toEqual(expectedEvents);
    const raw = await client.request<Stream<Chunk>>(createChatCompletion, { stream: true }).asResponse();
    expect(Buffer.from(await raw.arrayBuffer()).equals(recording)).toBe(true);
  });
});

describe('aborting a stream', () => {
  /** Sends two events, then holds the connection open until the client leaves. */
  const twoThenHang = () =>
    server.handle(async (req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.write('data: {"n":1}\n\n');
      await sleep(20);
      res.write('data: {"n":2}\n\n');
      await req.closed;
    });

  it('controller.abort() in the middle ends the loop quietly and closes the connection', async () => {
    twoThenHang();
    const stream = await ioClient(server.url).request<Stream<{ n: number }>>(createChatCompletion, { stream: true });
    const seen: number[] = [];
    for await (const e of stream) {
      seen.push(e.n);
      if (e.n === 2) stream.controller.abort();
    }
    expect(seen).toEqual([1, 2]);
    await server.requests[0]!.closed;
    expect(server.requests[0]!.aborted()).toBe(true);
  });

  it('the request signal aborts a stream in the middle too', async () => {
    twoThenHang();
    const ac = new AbortController();
    const stream = await ioClient(server.url).request<Stream<{ n: number }>>(createChatCompletion, { stream: true }, { signal: ac.signal });
    const seen: number[] = [];
    for await (const e of stream) {
      seen.push(e.n);
      if (e.n === 2) ac.abort();
    }
    expect(seen).toEqual([1, 2]);
    await server.requests[0]!.closed;
    expect(server.requests[0]!.aborted()).toBe(true);
  });

  it('break out of the loop aborts the request', async () => {
    twoThenHang();
    const stream = await ioClient(server.url).request<Stream<{ n: number }>>(createChatCompletion, { stream: true });
    for await (const e of stream) if (e.n === 1) break;
    expect(stream.controller.signal.aborted).toBe(true);
    await server.requests[0]!.closed;
    expect(server.requests[0]!.aborted()).toBe(true);
  });

  it('a signal aborted before the response rejects with APIUserAbortError and sends nothing', async () => {
    twoThenHang();
    const ac = new AbortController();
    ac.abort();
    await expect(ioClient(server.url).request(createChatCompletion, { stream: true }, { signal: ac.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('error events', () => {
  it('an `event: error` throws APIStreamError (an APIError) after the events before it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.end('data: {"n":1}\n\nevent: error\ndata: {"error":{"message":"The server had an error","type":"server_error","code":"internal","param":null}}\n\ndata: {"n":2}\n\n');
    });
    const stream = await ioClient(server.url).request<Stream<{ n: number }>>(createChatCompletion, { stream: true });
    const seen: number[] = [];
    const err = await (async () => {
      try {
        for await (const e of stream) seen.push(e.n);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(seen).toEqual([1]);
    expect(err).toBeInstanceOf(APIStreamError);
    expect(err).toBeInstanceOf(APIError);
    const e = err as APIStreamError;
    expect(e.message).toBe('The server had an error');
    expect(e.type).toBe('server_error');
    expect(e.code).toBe('internal');
    expect(e.event).toBe('error');
    expect(e.request_id).toBe('req_stream_1');
    expect(e.status).toBeUndefined();
  });

  it('a payload with an error object, or of type "error", throws too', async () => {
    for (const body of [
      'data: {"error":{"message":"overloaded","type":"overloaded_error"}}\n\n',
      'event: response.failed\ndata: {"type":"error","code":"rate_limit_exceeded","message":"slow down","param":null,"sequence_number":3}\n\n',
      'event: error\ndata: upstream went away\n\n',
    ]) {
      server.handle((_req, res) => {
        res.writeHead(200, SSE_HEADERS);
        res.end(body);
      });
      const stream = await ioClient(server.url).request<Stream<unknown>>(createChatCompletion, { stream: true });
      await expect(collect(stream)).rejects.toBeInstanceOf(APIStreamError);
    }
    const last = await collect(await ioClient(server.url).request<Stream<unknown>>(createChatCompletion, { stream: true })).catch((e: unknown) => e);
    expect((last as APIStreamError).message).toBe('upstream went away');
  });

  it('data that is not JSON is a ClientError naming the event', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.end('event: delta\ndata: {"n":\n\n');
    });
    const stream = await ioClient(server.url).request<Stream<unknown>>(createChatCompletion, { stream: true });
    await expect(collect(stream)).rejects.toThrow(/Could not parse a server-sent event \(event "delta"\) as JSON/);
  });

  it('a 4xx before the stream is the usual status error', async () => {
    server.handle((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"bad model"}}');
    });
    await expect(ioClient(server.url).request(createChatCompletion, { stream: true })).rejects.toThrow('400 bad model');
  });
});

describe('retries apply until the first byte, never after', () => {
  it('a 500 before the stream is retried', async () => {
    server.handle((_req, res, i) => {
      if (i === 0) {
        res.writeHead(500, { 'content-type': 'application/json', 'retry-after-ms': '1' });
        res.end('{"error":{"message":"busy"}}');
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.end('data: {"n":1}\n\n');
    });
    const events = await collect(await ioClient(server.url).request<Stream<{ n: number }>>(createChatCompletion, { stream: true }));
    expect(events).toEqual([{ n: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('a connection dropped after the headers but before any body byte is retried', async () => {
    server.handle((_req, res, i) => {
      res.writeHead(200, SSE_HEADERS);
      res.flushHeaders();
      if (i === 0) setTimeout(() => res.socket?.destroy(), 10);
      else res.end('data: {"n":1}\n\n');
    });
    const events = await collect(await ioClient(server.url).request<Stream<{ n: number }>>(createChatCompletion, { stream: true }));
    expect(events).toEqual([{ n: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('a first byte slower than the timeout is retried, then times out', async () => {
    server.handle(async (req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.flushHeaders();
      await req.closed;
    });
    const client = ioClient(server.url, { timeout: 150, maxRetries: 1 });
    await expect(client.request(createChatCompletion, { stream: true })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('a connection dropped after the first event is not retried: the loop throws APIConnectionError', async () => {
    server.handle(async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.write('data: {"n":1}\n\n');
      await sleep(20);
      res.socket?.destroy();
    });
    const stream = await ioClient(server.url, { maxRetries: 3 }).request<Stream<{ n: number }>>(createChatCompletion, { stream: true });
    const seen: number[] = [];
    const err = await (async () => {
      try {
        for await (const e of stream) seen.push(e.n);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(seen).toEqual([1]);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it('with no retries left the status error is thrown', async () => {
    server.handle((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"down"}}');
    });
    await expect(ioClient(server.url, { maxRetries: 0 }).request(createChatCompletion, { stream: true })).rejects.toBeInstanceOf(InternalServerError);
  });
});

describe('Stream helpers', () => {
  const sse = (events: object[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n';
  const fromText = (text: string) => Stream.fromSSEResponse<{ n: number }>(new Response(text), new AbortController());

  it('tee() gives two readers that each see every event', async () => {
    const [a, b] = fromText(sse([{ n: 1 }, { n: 2 }, { n: 3 }])).tee();
    const first = await a[Symbol.asyncIterator]().next();
    expect(first.value).toEqual({ n: 1 });
    expect(await collect(b)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('toReadableStream() and fromReadableStream() round-trip the events as NDJSON', async () => {
    const events = [{ n: 1 }, { n: 2, s: 'é😀\n"' }];
    const readable = fromText(sse(events)).toReadableStream();
    const text = await new Response(readable).text();
    expect(text).toBe(events.map((e) => JSON.stringify(e) + '\n').join(''));
    const back = Stream.fromReadableStream<object>(new Response(text).body!);
    expect(await collect(back)).toEqual(events);
  });

  it('a consumed stream cannot be iterated again', async () => {
    const s = fromText(sse([{ n: 1 }]));
    await collect(s);
    await expect(collect(s)).rejects.toBeInstanceOf(ClientError);
  });

  it('aborting the controller of a stream not tied to a fetch still ends the loop', async () => {
    let push!: (s: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        push = (s) => c.enqueue(new TextEncoder().encode(s));
      },
    });
    const controller = new AbortController();
    const stream = Stream.fromSSEResponse<{ n: number }>(new Response(body), controller);
    push('data: {"n":1}\n\n');
    const seen: number[] = [];
    for await (const e of stream) {
      seen.push(e.n);
      controller.abort();
    }
    expect(seen).toEqual([1]);
  });

  it('collectStream keeps the last *.completed event and caps the kept events by bytes', async () => {
    const events = [
      { type: 'response.created', n: 0 },
      ...Array.from({ length: 50 }, (_, n) => ({ type: 'response.output_text.delta', delta: 'x'.repeat(100), n })),
      { type: 'response.completed', response: { status: 'completed' } },
    ];
    const seen: number[] = [];
    const result = await collectStream(fromText(sse(events)), { maxBytes: 1000, onEvent: (_e, i) => void seen.push(i) });
    expect(seen).toHaveLength(52);
    expect(result.count).toBe(52);
    expect(result.final).toEqual({ type: 'response.completed', response: { status: 'completed' } });
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(result.events))).toBeLessThanOrEqual(1000);
    expect(result.bytes).toBe(Buffer.byteLength(JSON.stringify(result.events)));
    expect(result.events.length + result.dropped).toBe(52);
    expect(result.events[0]).toEqual(events[0]);
    const all = await collectStream(fromText(sse(events)), { maxBytes: 1e6 });
    expect(all.truncated).toBe(false);
    expect(all.events).toEqual(events);
  });
});
