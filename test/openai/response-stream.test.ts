/**
 * `client.responses.stream()`, the `openai` target's hand-written helper
 * (spec/openai/custom/ResponseStream.ts), against a node:http SSE server:
 * events reach listeners by type (a text delta with its snapshot), the
 * response is built as they arrive, `finalResponse()` is the completed one
 * with `output_text` (and `output_parsed` for a zod text format), and a stream
 * without `response.completed` rejects it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openaiClient, openaiModule, scriptedServer, sse } from './scripted-server.js';

const server = scriptedServer();
const base = { id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-4o-mini', status: 'in_progress', output: [] };
const message = (text: string) => ({ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] });
const events = (text: string[]) => [
  { type: 'response.created', sequence_number: 0, response: base },
  { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] } },
  { type: 'response.content_part.added', sequence_number: 2, item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
  ...text.map((delta, i) => ({ type: 'response.output_text.delta', sequence_number: 3 + i, item_id: 'msg_1', output_index: 0, content_index: 0, delta, logprobs: [] })),
  { type: 'response.completed', sequence_number: 9, response: { ...base, status: 'completed', output: [message(text.join(''))] } },
];

describe('client.responses.stream()', () => {
  it('sends a streaming create and emits each event by its type, text deltas with their snapshot', async () => {
    server.route = (_req, res) => sse(res, events(['Hel', 'lo']));
    const stream = (await openaiClient(server.url)).responses.stream({ model: 'gpt-4o-mini', input: 'Hi' });
    const seen: string[] = [];
    stream.on('event', (e: { type: string }) => seen.push(e.type));
    stream.on('response.output_text.delta', (e: { delta: string; snapshot: string }) => seen.push(`delta ${e.delta}|${e.snapshot}`));
    stream.on('finalResponse', (r: { output_text: string }) => seen.push(`final ${r.output_text}`));
    const response = await stream.finalResponse();
    expect(server.bodies.at(-1)).toEqual({ model: 'gpt-4o-mini', input: 'Hi', stream: true });
    expect(seen).toEqual([
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'delta Hel|Hel',
      'response.output_text.delta',
      'delta lo|Hello',
      'response.completed',
      'final Hello',
    ]);
    expect(response).toMatchObject({ id: 'resp_1', status: 'completed', output_text: 'Hello', output_parsed: null });
    expect(stream.currentResponse.output[0].content[0].text).toBe('Hello');
  });

  it('iterating yields the events as sent; a zod text format is read back as `output_parsed`', async () => {
    const { zodTextFormat } = await openaiModule('lib/helpers/zod.js');
    const text = JSON.stringify({ city: 'Oslo' });
    server.route = (_req, res) => sse(res, events([text.slice(0, 5), text.slice(5)]));
    const stream = (await openaiClient(server.url)).responses.stream({ model: 'm', input: 'Where?', text: { format: zodTextFormat(z.object({ city: z.string() }), 'place') } });
    const types: string[] = [];
    for await (const e of stream) types.push(e.type);
    expect(types).toEqual(events(['a', 'b']).map((e) => e.type));
    expect((await stream.finalResponse()).output_parsed).toEqual({ city: 'Oslo' });
  });

  it('a stream that ends without response.completed rejects finalResponse()', async () => {
    server.route = (_req, res) => sse(res, events(['x']).slice(0, 3));
    const stream = (await openaiClient(server.url)).responses.stream({ model: 'm', input: 'Hi' });
    await expect(stream.finalResponse()).rejects.toThrow(/without a response\.completed event/);
  });

  it('toReadableStream() and fromReadableStream() carry the events, and the copy builds the same response', async () => {
    server.route = (_req, res) => sse(res, events(['a', 'b']));
    const stream = (await openaiClient(server.url)).responses.stream({ model: 'm', input: 'Hi' });
    const { ResponseStream } = await openaiModule('lib/ResponseStream.js');
    const copy = ResponseStream.fromReadableStream(stream.toReadableStream());
    expect((await copy.finalResponse()).output_text).toBe('ab');
    expect((await stream.finalResponse()).output_text).toBe('ab');
  });
});
