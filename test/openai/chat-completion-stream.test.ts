/**
 * `client.chat.completions.stream()`, the `openai` target's hand-written
 * helper (spec/openai/custom/ChatCompletionStream.ts, a config `custom.methods`
 * entry), against a node:http server sending a chat completion as SSE chunks:
 * the events in order, the completion it builds (text, tool-call arguments,
 * logprobs, usage), iteration, abort, an HTTP error, and the NDJSON round trip
 * through `toReadableStream()` / `fromReadableStream()`.
 */
import { describe, expect, it } from 'vitest';
import { openaiClient, openaiModule, scriptedServer, sse } from './scripted-server.js';

const base = { id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o-mini', system_fingerprint: 'fp_1' };
const chunk = (choices: unknown[], extra: object = {}) => ({ ...base, choices, ...extra });
const TEXT_CHUNKS = [
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
  chunk([{ index: 0, delta: { content: 'Hel' }, logprobs: { content: [{ token: 'Hel', logprob: -0.1, bytes: [72, 101, 108], top_logprobs: [] }], refusal: null }, finish_reason: null }]),
  chunk([{ index: 0, delta: { content: 'lo' }, logprobs: { content: [{ token: 'lo', logprob: -0.2, bytes: [108, 111], top_logprobs: [] }], refusal: null }, finish_reason: null }]),
  chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
  chunk([], { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
];
const TOOL_CHUNKS = [
  chunk([{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }] }, finish_reason: null }]),
  chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish_reason: null }]),
  chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }, finish_reason: null }]),
  chunk([{ index: 0, delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'time', arguments: '{}' } }] }, finish_reason: null }]),
  chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
];

const server = scriptedServer();
const client = () => openaiClient(server.url);

const params = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream_options: { include_usage: true } };

describe('client.chat.completions.stream()', () => {
  it('sends a streaming create, emits the content events in order and builds the completion', async () => {
    server.route = (_req, res) => sse(res, TEXT_CHUNKS);
    const stream = (await client()).chat.completions.stream(params);
    const events: string[] = [];
    stream.on('connect', () => events.push('connect'));
    stream.on('content', (delta: string, snapshot: string) => events.push(`content ${delta}|${snapshot}`));
    stream.on('content.done', (e: { content: string }) => events.push(`content.done ${e.content}`));
    stream.on('logprobs.content.done', (e: { content: unknown[] }) => events.push(`logprobs.done ${e.content.length}`));
    stream.on('finalContent', (c: string) => events.push(`finalContent ${c}`));
    stream.on('totalUsage', (u: { total_tokens: number }) => events.push(`usage ${u.total_tokens}`));
    stream.on('end', () => events.push('end'));
    const completion = await stream.finalChatCompletion();
    expect(server.bodies.at(-1)).toEqual({ ...params, stream: true });
    expect(events).toEqual(['connect', 'content Hel|Hel', 'content lo|Hello', 'content.done Hello', 'logprobs.done 2', 'finalContent Hello', 'usage 7', 'end']);
    expect(completion).toEqual({
      id: 'chatcmpl_1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'gpt-4o-mini',
      system_fingerprint: 'fp_1',
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'Hello', refusal: null, parsed: null },
          logprobs: { content: [expect.objectContaining({ token: 'Hel' }), expect.objectContaining({ token: 'lo' })], refusal: null },
        },
      ],
    });
    expect(await stream.finalContent()).toBe('Hello');
    expect(await stream.totalUsage()).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it('iterating yields the chunks as sent', async () => {
    server.route = (_req, res) => sse(res, TEXT_CHUNKS);
    const stream = (await client()).chat.completions.stream(params);
    const seen: unknown[] = [];
    for await (const c of stream) seen.push(c);
    expect(seen).toEqual(TEXT_CHUNKS);
    expect((await stream.finalMessage()).content).toBe('Hello');
  });

  it('builds tool calls from their argument deltas, with a done event per call', async () => {
    server.route = (_req, res) => sse(res, TOOL_CHUNKS);
    const stream = (await client()).chat.completions.stream(params);
    const events: string[] = [];
    stream.on('tool_calls.function.arguments.delta', (e: { name: string; arguments_delta: string; arguments: string }) => events.push(`delta ${e.name} ${e.arguments_delta} → ${e.arguments}`));
    stream.on('tool_calls.function.arguments.done', (e: { name: string; index: number; arguments: string }) => events.push(`done ${e.index} ${e.name} ${e.arguments}`));
    const message = await stream.finalMessage();
    expect(message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}', parsed_arguments: null } },
      { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{}', parsed_arguments: null } },
    ]);
    expect(events).toEqual(['delta weather {"city": → {"city":', 'delta weather "Oslo"} → {"city":"Oslo"}', 'done 0 weather {"city":"Oslo"}', 'delta time {} → {}', 'done 1 time {}']);
    expect(await stream.finalFunctionToolCall()).toEqual({ name: 'time', arguments: '{}', parsed_arguments: null });
    expect(await stream.finalContent()).toBeNull();
    expect(await stream.totalUsage()).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });

  it('abort() stops the request: `abort` then `end`, and the final values reject', async () => {
    server.route = (_req, res) => sse(res, TEXT_CHUNKS.slice(0, 2), false);
    const stream = (await client()).chat.completions.stream(params);
    const events: string[] = [];
    stream.on('abort', () => events.push('abort'));
    stream.on('error', () => events.push('error'));
    stream.on('end', () => events.push('end'));
    stream.on('content', (delta: string) => {
      if (delta === 'Hel') stream.abort();
    });
    await expect(stream.finalChatCompletion()).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(events).toEqual(['abort', 'end']);
  });

  it('an HTTP error rejects with the API error and emits `error`', async () => {
    server.route = (_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'bad model', type: 'invalid_request_error' } }));
    };
    const stream = (await client()).chat.completions.stream(params);
    const errors: unknown[] = [];
    stream.on('error', (e: unknown) => errors.push(e));
    await expect(stream.done()).rejects.toMatchObject({ status: 400 });
    expect(errors).toHaveLength(1);
    await expect((async () => { for await (const _ of stream) void _; })()).rejects.toMatchObject({ status: 400 });
  });

  it('a stream that ends before a choice finishes rejects its final values', async () => {
    server.route = (_req, res) => sse(res, TEXT_CHUNKS.slice(0, 3));
    const stream = (await client()).chat.completions.stream(params);
    await expect(stream.finalChatCompletion()).rejects.toThrow(/missing finish_reason for choice 0/);
  });

  it('toReadableStream() and fromReadableStream() carry the chunks, and the copy builds the same completion', async () => {
    server.route = (_req, res) => sse(res, TEXT_CHUNKS);
    const stream = (await client()).chat.completions.stream(params);
    const { ChatCompletionStream } = await openaiModule('lib/ChatCompletionStream.js');
    const copy = ChatCompletionStream.fromReadableStream(stream.toReadableStream());
    expect(await copy.finalChatCompletion()).toEqual(await stream.finalChatCompletion());
  });
});

describe('client.chat.completions.stream() with structured outputs', () => {
  it('reads a zodResponseFormat message as it arrives (`parsed` so far) and at the end (validated)', async () => {
    const { z } = await import('zod');
    const { zodResponseFormat } = await openaiModule('lib/helpers/zod.js');
    const text = JSON.stringify({ steps: ['add', 'halve'], answer: 4 });
    const cut = [10, 25, text.length];
    const chunks = [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: text.slice(0, cut[0]) }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: text.slice(cut[0], cut[1]) }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: text.slice(cut[1]) }, finish_reason: 'stop' }] },
    ];
    server.route = (_req, res) => sse(res, chunks);
    const format = zodResponseFormat(z.object({ steps: z.array(z.string()), answer: z.number() }), 'math');
    const stream = (await client()).chat.completions.stream({ ...params, response_format: format });
    const partial: unknown[] = [];
    let done: unknown;
    stream.on('content.delta', (e: { parsed: unknown }) => partial.push(e.parsed));
    stream.on('content.done', (e: { parsed: unknown }) => (done = e.parsed));
    const completion = await stream.finalChatCompletion();
    expect(partial).toEqual([{ steps: [] }, { steps: ['add', 'halve'] }, { steps: ['add', 'halve'], answer: 4 }]);
    expect(done).toEqual({ steps: ['add', 'halve'], answer: 4 });
    expect(completion.choices[0].message.parsed).toEqual({ steps: ['add', 'halve'], answer: 4 });
  });

  it('gives a strict tool’s arguments as `parsed_arguments`, and leaves `parsed` null without a format', async () => {
    server.route = (_req, res) => sse(res, TOOL_CHUNKS);
    const tools = [{ type: 'function', function: { name: 'weather', strict: true, parameters: { type: 'object' } } }];
    const stream = (await client()).chat.completions.stream({ ...params, tools });
    const done: unknown[] = [];
    stream.on('tool_calls.function.arguments.done', (e: { name: string; parsed_arguments: unknown }) => done.push([e.name, e.parsed_arguments]));
    const message = await stream.finalMessage();
    expect(done).toEqual([['weather', { city: 'Oslo' }], ['time', null]]);
    expect(message.parsed).toBeNull();
    expect(message.tool_calls[0].function.parsed_arguments).toEqual({ city: 'Oslo' });
  });
});

describe('parsePartialJson (lib/parser.ts)', () => {
  it('reads JSON cut off anywhere, dropping what cannot end a value', async () => {
    const { parsePartialJson } = await openaiModule('lib/parser.js');
    const cases: Array<[string, unknown]> = [
      ['{"steps": [{"expl', { steps: [{}] }],
      ['{"a":1,', { a: 1 }],
      ['{"a":"x\\', { a: 'x' }],
      ['{"ste', {}],
      ['[1,2,-', [1, 2]],
      ['{"a": 1, "b"', { a: 1 }],
      ['{"a": "b", "c":', { a: 'b' }],
      ['{"a": [true, fals', { a: [true] }],
      ['{"a": "x"}', { a: 'x' }],
      ['', undefined],
    ];
    for (const [text, value] of cases) expect([text, parsePartialJson(text)]).toEqual([text, value]);
  });
});
