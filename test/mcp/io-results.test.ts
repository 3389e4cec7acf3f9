/**
 * Streams, binary and text responses through a generated MCP server (the
 * media-io fixture), driven by the SDK client over stdio against a local
 * node:http server: a stream becomes its final event or its capped events,
 * with a progress notification per event, and cancelling aborts the request;
 * a binary response is an embedded resource with exact bytes up to a cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { startRawServer, sleep, type RawServer } from '../client-runtime/support/raw-server.js';
import { connectBin, type Connected } from './helpers.js';
import { buildFixtureServer, type FixtureServer } from './support/fixture-server.js';

type Content = { type: string; text?: string; resource?: { uri: string; mimeType: string; blob?: string; text?: string } };
type Result = { isError?: boolean; content: Content[]; structuredContent?: Record<string, any> };

const STREAM_CAP = 1024;
const BINARY_CAP = 4096;
let fixture: FixtureServer;
let api: RawServer;
let conn: Connected;

beforeAll(async () => {
  fixture = await buildFixtureServer('test-mcp-io-results');
  api = await startRawServer();
  conn = await connectBin(fixture.bin, ['--max-stream-bytes', '1KiB', '--max-binary-bytes', String(BINARY_CAP)], fixture.env(api.url));
}, 120_000);
afterAll(async () => {
  await conn?.close();
  await api?.close();
});

const call = (name: string, args: Record<string, unknown>, options?: Parameters<Connected['client']['callTool']>[2]) =>
  conn.client.callTool({ name: `media_io_${name}`, arguments: args }, CallToolResultSchema, options) as Promise<Result>;

function sse(res: ServerResponse, events: unknown[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  res.end('data: [DONE]\n\n');
}

const REPLY_EVENTS = [
  { type: 'reply.created', response: { id: 'r1', status: 'in_progress' } },
  { type: 'reply.output_text.delta', delta: 'Hel' },
  { type: 'reply.output_text.delta', delta: 'lo' },
  { type: 'reply.completed', response: { id: 'r1', status: 'completed', text: 'Hello' } },
  { type: 'reply.done' },
];

describe('streaming tools', () => {
  it('consume the stream and return the last *.completed event', async () => {
    api.handle((_req, res) => sse(res, REPLY_EVENTS));
    const result = await call('create_reply', { input: 'hi', stream: true });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(result.structuredContent).toEqual({ final: REPLY_EVENTS[3], count: 5 });
    expect(JSON.parse(result.content[0]!.text!)).toEqual(result.structuredContent);
    expect(api.requests[0]!.headers.accept).toBe('text/event-stream');
    expect(JSON.parse(api.requests[0]!.body.toString())).toEqual({ input: 'hi', stream: true });
  });

  it('return the JSON response when the stream switch is off', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r2","status":"completed"}'));
    const result = await call('create_reply', { input: 'hi' });
    expect(result.structuredContent).toEqual({ id: 'r2', status: 'completed' });
    expect(api.requests[0]!.headers.accept).toBe('application/json');
  });

  it('send a progress notification per event when the client sent a progress token', async () => {
    api.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of REPLY_EVENTS) {
        res.write(`data: ${JSON.stringify(event)}\n\n`);
        await sleep(5);
      }
      res.end();
    });
    // Read the messages as they arrive: the SDK client handles notifications a microtask later than
    // responses, so it drops progress that shares a read with the result (an SDK quirk, not the wire order).
    const transport = conn.client.transport!;
    const deliver = transport.onmessage!;
    const wire: Array<Record<string, any>> = [];
    transport.onmessage = (message, extra) => (wire.push(message as Record<string, any>), deliver(message, extra));
    try {
      const result = await call('create_reply', { input: 'hi', stream: true }, { onprogress: () => undefined });
      expect(result.structuredContent?.count).toBe(5);
    } finally {
      transport.onmessage = deliver;
    }
    const progress = wire.filter((m) => m.method === 'notifications/progress').map((m) => m.params);
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4, 5]);
    expect(progress[0]!.message).toBe('event 1: reply.created');
    expect(progress[3]!.message).toBe('event 4: reply.completed');
    // All of them before the result.
    expect(wire.findIndex((m) => m.result)).toBeGreaterThan(wire.map((m) => m.method).lastIndexOf('notifications/progress'));
  });

  it('without a *.completed event, return the events in order up to the byte cap they state', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ line: `log line ${String(i).padStart(2, '0')} ${'x'.repeat(40)}` }));
    api.handle((_req, res) => sse(res, lines));
    const result = await call('tail_logs', {});
    const value = result.structuredContent!;
    expect(value.count).toBe(40);
    expect(value.truncated).toBe(true);
    expect(value.max_bytes).toBe(STREAM_CAP);
    expect(value.events).toEqual(lines.slice(0, value.events.length));
    expect(value.events.length).toBeGreaterThan(5);
    expect(Buffer.byteLength(JSON.stringify(value.events))).toBeLessThanOrEqual(STREAM_CAP);
    expect(value.dropped).toBe(40 - value.events.length);
    expect(value.note).toMatch(/--max-stream-bytes/);

    const few = lines.slice(0, 3);
    api.handle((_req, res) => sse(res, few));
    expect((await call('tail_logs', {})).structuredContent).toEqual({ events: few, count: 3, truncated: false, max_bytes: STREAM_CAP });
  });

  it('state the cap and the result shapes in the server instructions', () => {
    const instructions = conn.client.getInstructions() ?? '';
    expect(instructions).toContain(`up to ${STREAM_CAP} bytes of JSON (--max-stream-bytes)`);
    expect(instructions).toMatch(/return \{final, count\} with the last \*\.completed event/);
    expect(instructions).toContain(`up to ${BINARY_CAP} bytes (--max-binary-bytes)`);
  });

  it('abort the request when the MCP client cancels the call', async () => {
    let first!: () => void;
    const firstSent = new Promise<void>((r) => (first = r));
    api.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(REPLY_EVENTS[0])}\n\n`);
      first();
      // Never ends on its own: only the client going away ends it.
      while (!res.destroyed) {
        res.write(': keep-alive\n\n');
        await sleep(20);
      }
    });
    const controller = new AbortController();
    const pending = call('create_reply', { input: 'hi', stream: true }, { signal: controller.signal, onprogress: () => controller.abort() });
    await firstSent;
    await expect(pending).rejects.toThrow(/abort/i);
    await api.requests[0]!.closed;
    expect(api.requests[0]!.aborted()).toBe(true);
    // The server is still fine afterwards.
    api.handle((_req, res) => sse(res, REPLY_EVENTS));
    expect((await call('create_reply', { input: 'again', stream: true })).structuredContent?.count).toBe(5);
  });
});

describe('binary and text responses', () => {
  const AUDIO = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x0d, 0x0a]);

  it('return a binary response as an embedded resource with its MIME type and exact bytes', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(AUDIO));
    const result = await call('download_file', { file_id: 'file_1' });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const [resource, note] = result.content;
    expect(resource!.type).toBe('resource');
    expect(resource!.resource!.mimeType).toBe('audio/mpeg');
    expect(resource!.resource!.uri).toBe(`${api.url}/files/file_1/content`);
    expect(Buffer.from(resource!.resource!.blob!, 'base64').equals(AUDIO)).toBe(true);
    expect(note!.text).toBe(`Binary response: ${AUDIO.length} bytes of audio/mpeg, embedded as the resource ${api.url}/files/file_1/content.`);
    expect(result.structuredContent).toBeUndefined();
    expect(api.requests[0]!.headers.accept).toBe('*/*');
  });

  it('return textual bytes as a text resource, and bytes that are not UTF-8 as a blob', async () => {
    const jsonl = '{"a":1}\n{"b":"ü"}\n';
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/jsonl; charset=utf-8' }).end(jsonl));
    const text = (await call('download_file', { file_id: 'f2' })).content[0]!.resource!;
    expect(text).toEqual({ uri: `${api.url}/files/f2/content`, mimeType: 'application/jsonl', text: jsonl });
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(AUDIO));
    expect(Buffer.from((await call('download_file', { file_id: 'f3' })).content[0]!.resource!.blob!, 'base64').equals(AUDIO)).toBe(true);
  });

  it('return a clear error beyond the cap, with or without a content-length', async () => {
    const big = Buffer.alloc(BINARY_CAP + 1, 7);
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(big.length) }).end(big));
    const declared = await call('download_file', { file_id: 'big' });
    expect(declared.isError).toBe(true);
    expect(declared.content[0]!.text).toBe(
      `The response (video/mp4) is ${BINARY_CAP + 1} bytes, over this server's cap of ${BINARY_CAP} bytes for binary results. Restart the server with a larger --max-binary-bytes (e.g. --max-binary-bytes ${BINARY_CAP * 2}) to receive it here, or download it with the API's client or CLI.`,
    );
    api.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' }); // chunked: no length up front
      for (let i = 0; i < 8 && !res.destroyed; i++) {
        res.write(Buffer.alloc(1024, i));
        await sleep(2);
      }
      res.end();
    });
    const streamed = await call('download_file', { file_id: 'big2' });
    expect(streamed.isError).toBe(true);
    expect(streamed.content[0]!.text).toMatch(new RegExp(`is more than ${BINARY_CAP} bytes, over this server's cap .* --max-binary-bytes`));
    // Exactly the cap still fits.
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(big.subarray(0, BINARY_CAP)));
    expect(Buffer.from((await call('download_file', { file_id: 'fits' })).content[0]!.resource!.blob!, 'base64').length).toBe(BINARY_CAP);
  });

  it('return a text response as text content', async () => {
    api.handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('line one\nline two'));
    const result = await call('read_note', { note_id: 'n1' });
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'line one\nline two' }] });
    expect(result.structuredContent).toBeUndefined();
  });

  it('list no outputSchema for tools that answer with bytes or text', async () => {
    const { tools } = await conn.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('media_io_download_file')!.outputSchema).toBeUndefined();
    expect(byName.get('media_io_read_note')!.outputSchema).toBeUndefined();
    expect(byName.get('media_io_create_reply')!.outputSchema).toEqual({ type: 'object' });
  });
});
