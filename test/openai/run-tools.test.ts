/**
 * `client.chat.completions.runTools()`, the `openai` target's hand-written
 * runner (spec/openai/custom/ChatCompletionRunner.ts), against a node:http
 * server playing the model: it runs the functions the model asks for, sends
 * their results back as tool messages, stops when the model answers in text
 * (or after `maxChatCompletions`), reports a bad call or a parse error to the
 * model instead of throwing, and streams each round with `stream: true`.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json, openaiClient, openaiModule, scriptedServer, sse } from './scripted-server.js';

const server = scriptedServer();
const completion = (message: object, finish_reason = 'stop', usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }) => ({
  id: 'chatcmpl_1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  usage,
  choices: [{ index: 0, finish_reason, logprobs: null, message: { role: 'assistant', content: null, refusal: null, ...message } }],
});
const call = (id: string, name: string, args: string) => ({ id, type: 'function', function: { name, arguments: args } });
const messages = [{ role: 'user', content: 'Weather in Oslo?' }];
const weatherTool = (seen: unknown[]) => ({
  type: 'function' as const,
  function: {
    name: 'weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
    parse: JSON.parse,
    function: (args: { city: string }) => {
      seen.push(args);
      return { city: args.city, celsius: 4 };
    },
  },
});

describe('client.chat.completions.runTools()', () => {
  it('runs the requested function, sends its result back and ends on the text answer', async () => {
    const replies = [completion({ tool_calls: [call('call_1', 'weather', '{"city":"Oslo"}')] }, 'tool_calls'), completion({ content: 'It is 4 °C in Oslo.' })];
    server.route = (_req, res) => json(res, replies.shift());
    const seen: unknown[] = [];
    const start = server.bodies.length;
    const runner = (await openaiClient(server.url)).chat.completions.runTools({ model: 'gpt-4o-mini', messages, tools: [weatherTool(seen)] });
    const events: string[] = [];
    runner.on('functionToolCall', (f: { name: string }) => events.push(`call ${f.name}`));
    runner.on('functionToolCallResult', (r: string) => events.push(`result ${r}`));
    runner.on('content', (c: string) => events.push(`content ${c}`));
    runner.on('end', () => events.push('end'));
    expect(await runner.finalContent()).toBe('It is 4 °C in Oslo.');
    expect(seen).toEqual([{ city: 'Oslo' }]);
    expect(events).toEqual(['call weather', 'result {"city":"Oslo","celsius":4}', 'content It is 4 °C in Oslo.', 'end']);
    const [first, second] = server.bodies.slice(start);
    expect(first).toEqual({
      model: 'gpt-4o-mini',
      messages,
      stream: false,
      tools: [{ type: 'function', function: { name: 'weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    });
    expect(second.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, refusal: null, tool_calls: [call('call_1', 'weather', '{"city":"Oslo"}')] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"city":"Oslo","celsius":4}' },
    ]);
    expect(await runner.totalUsage()).toEqual({ prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 });
    expect(await runner.finalFunctionToolCallResult()).toBe('{"city":"Oslo","celsius":4}');
    expect(runner.allChatCompletions()).toHaveLength(2);
  });

  it('tells the model of an unknown function and of arguments its parse refuses, and stops after maxChatCompletions', async () => {
    const replies = [
      completion({ tool_calls: [call('call_1', 'forecast', '{}')] }, 'tool_calls'),
      completion({ tool_calls: [call('call_2', 'weather', 'not json')] }, 'tool_calls'),
      completion({ tool_calls: [call('call_3', 'weather', '{"city":"Oslo"}')] }, 'tool_calls'),
    ];
    server.route = (_req, res) => json(res, replies.shift());
    const start = server.bodies.length;
    const runner = (await openaiClient(server.url)).chat.completions.runTools({ model: 'm', messages, tools: [weatherTool([])] }, { maxChatCompletions: 2 });
    await runner.done();
    expect(server.bodies.length - start).toBe(2);
    const sent = runner.messages.filter((m: { role: string }) => m.role === 'tool').map((m: { content: string }) => m.content);
    expect(sent[0]).toBe('Invalid tool_call: "forecast". Available options are: "weather". Please try again');
    expect(sent[1]).toMatch(/JSON/);
  });

  it('validates a zodFunction tool’s arguments and runs its callback', async () => {
    const { zodFunction } = await openaiModule('lib/helpers/zod.js');
    const seen: unknown[] = [];
    const tool = zodFunction({ name: 'book', parameters: z.object({ seats: z.number() }), function: (args: unknown) => (seen.push(args), 'booked') });
    const replies = [completion({ tool_calls: [call('c1', 'book', '{"seats":2}')] }, 'tool_calls'), completion({ content: 'Done.' })];
    server.route = (_req, res) => json(res, replies.shift());
    const runner = (await openaiClient(server.url)).chat.completions.runTools({ model: 'm', messages, tools: [tool] });
    expect(await runner.finalContent()).toBe('Done.');
    expect(seen).toEqual([{ seats: 2 }]);
  });

  it('with stream: true, streams each round and emits its content deltas', async () => {
    const chunk = (delta: object, finish_reason: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason }] });
    const rounds = [
      [chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":' } }] }), chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }), chunk({}, 'tool_calls')],
      [chunk({ role: 'assistant', content: 'Cold ' }), chunk({ content: 'today.' }), chunk({}, 'stop')],
    ];
    server.route = (_req, res) => sse(res, rounds.shift()!);
    const seen: unknown[] = [];
    const start = server.bodies.length;
    const runner = (await openaiClient(server.url)).chat.completions.runTools({ model: 'm', messages, tools: [weatherTool(seen)], stream: true });
    const deltas: string[] = [];
    const argsDone: string[] = [];
    runner.on('content', (delta: string) => deltas.push(delta));
    runner.on('tool_calls.function.arguments.done', (e: { name: string; arguments: string }) => argsDone.push(`${e.name} ${e.arguments}`));
    expect(await runner.finalContent()).toBe('Cold today.');
    expect(deltas).toEqual(['Cold ', 'today.']);
    expect(argsDone).toEqual(['weather {"city":"Oslo"}']);
    expect(seen).toEqual([{ city: 'Oslo' }]);
    expect(server.bodies.slice(start).map((b) => b.stream)).toEqual([true, true]);
  });
});
