/**
 * Structured outputs, the `openai` target's hand-written `parse()` helpers
 * (spec/openai/custom/parser.ts) and `<pkg>/helpers/zod` (custom/helpers/zod.ts),
 * against a node:http server: the request carries the strict JSON Schema of a
 * zod 3 or zod 4 schema (and nothing of the helper's own), the reply is read
 * back and validated (`parsed`, `parsed_arguments`, `output_parsed`), a cut
 * or filtered choice is refused, and a schema strict mode cannot say is
 * refused before any request.
 */
import { describe, expect, it } from 'vitest';
import { z as z3 } from 'zod';
import { z as z4 } from 'zod/v4';
import { json, openaiClient, openaiModule, scriptedServer } from './scripted-server.js';

const server = scriptedServer();
let reply: unknown = {};
server.route = (_req, res) => json(res, reply);
const bodies = server.bodies;
async function load(): Promise<{ client: any; zod: any }> {
  return { client: await openaiClient(server.url), zod: await openaiModule('lib/helpers/zod.js') };
}
const completion = (message: object, finish_reason = 'stop') => ({
  id: 'chatcmpl_1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, finish_reason, logprobs: null, message: { role: 'assistant', content: null, refusal: null, ...message } }],
});
const messages = [{ role: 'user', content: 'When is the fair?' }];
const EVENT_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'What it is called' },
    day: { type: 'integer' },
    kind: { type: 'string', enum: ['fair', 'market'] },
    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'day', 'kind', 'note', 'tags'],
  additionalProperties: false,
};

for (const [version, z] of [['zod 3', z3], ['zod 4', z4]] as const) {
  const Event = (z as typeof z3).object({
    name: (z as typeof z3).string().describe('What it is called'),
    day: (z as typeof z3).number().int(),
    kind: (z as typeof z3).enum(['fair', 'market']),
    note: (z as typeof z3).string().nullable(),
    tags: (z as typeof z3).array((z as typeof z3).string()),
  });

  describe(`chat.completions.parse() with a ${version} schema`, () => {
    it('sends the strict JSON Schema and reads the message back as the schema’s value', async () => {
      const { client, zod } = await load();
      const value = { name: 'Harvest fair', day: 3, kind: 'fair', note: null, tags: ['food'] };
      reply = completion({ content: JSON.stringify(value) });
      const result = await client.chat.completions.parse({ model: 'gpt-4o-mini', messages, response_format: zod.zodResponseFormat(Event, 'event') });
      expect(bodies.at(-1)).toEqual({ model: 'gpt-4o-mini', messages, stream: false, response_format: { type: 'json_schema', json_schema: { name: 'event', strict: true, schema: EVENT_SCHEMA } } });
      expect(result.choices[0].message.parsed).toEqual(value);
      expect(result.choices[0].message.content).toBe(JSON.stringify(value));
    });

    it('validates the reply with the schema', async () => {
      const { client, zod } = await load();
      reply = completion({ content: JSON.stringify({ name: 'x', day: 1.5, kind: 'fair', note: null, tags: [] }) });
      await expect(client.chat.completions.parse({ model: 'm', messages, response_format: zod.zodResponseFormat(Event, 'event') })).rejects.toThrow();
    });

    it('reads a zodFunction tool call’s arguments back as `parsed_arguments`', async () => {
      const { client, zod } = await load();
      const tool = zod.zodFunction({ name: 'book', parameters: (z as typeof z3).object({ seats: (z as typeof z3).number() }), description: 'Books seats' });
      reply = completion({ tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'book', arguments: '{"seats":2}' } }] }, 'tool_calls');
      const result = await client.chat.completions.parse({ model: 'm', messages, tools: [tool] });
      expect(bodies.at(-1).tools).toEqual([
        { type: 'function', function: { name: 'book', description: 'Books seats', strict: true, parameters: { type: 'object', properties: { seats: { type: 'number' } }, required: ['seats'], additionalProperties: false } } },
      ]);
      expect(result.choices[0].message.tool_calls[0].function).toEqual({ name: 'book', arguments: '{"seats":2}', parsed_arguments: { seats: 2 } });
      expect(result.choices[0].message.parsed).toBeNull();
    });
  });

  describe(`responses.parse() with a ${version} schema`, () => {
    it('reads the output text back as `output_parsed` and each output_text part’s `parsed`', async () => {
      const { client, zod } = await load();
      const value = { name: 'Market', day: 6, kind: 'market', note: 'early', tags: [] };
      reply = {
        id: 'resp_1',
        object: 'response',
        created_at: 1,
        model: 'gpt-4o-mini',
        output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: JSON.stringify(value), annotations: [] }] }],
      };
      const result = await client.responses.parse({ model: 'gpt-4o-mini', input: 'When?', text: { format: zod.zodTextFormat(Event, 'event') } });
      expect(bodies.at(-1).text).toEqual({ format: { type: 'json_schema', name: 'event', strict: true, schema: EVENT_SCHEMA } });
      expect(result.output_parsed).toEqual(value);
      expect(result.output[0].content[0].parsed).toEqual(value);
      expect(result.output_text).toBe(JSON.stringify(value));
    });
  });
}

describe('what parse() refuses', () => {
  it('a choice cut by the length limit or the content filter', async () => {
    const { client } = await load();
    const format = { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: {} } };
    reply = completion({ content: '{"na' }, 'length');
    await expect(client.chat.completions.parse({ model: 'm', messages, response_format: format })).rejects.toThrow(/length limit was reached/);
    reply = completion({ content: null }, 'content_filter');
    await expect(client.chat.completions.parse({ model: 'm', messages, response_format: format })).rejects.toThrow(/content filter/);
  });

  it('a plain json_schema format is JSON.parsed; a text reply has no `parsed`', async () => {
    const { client } = await load();
    reply = completion({ content: '{"a":1}' });
    expect((await client.chat.completions.parse({ model: 'm', messages, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: {} } } })).choices[0].message.parsed).toEqual({ a: 1 });
    reply = completion({ content: 'hello' });
    expect((await client.chat.completions.parse({ model: 'm', messages })).choices[0].message.parsed).toBeNull();
  });

  it('.optional() without .nullable(), and a transform, before any request', async () => {
    const { zod } = await load();
    expect(() => zod.zodResponseFormat(z4.object({ a: z4.object({ b: z4.string().optional() }) }), 'x')).toThrow(/`a\.b` is \.optional\(\).*make it \.nullable\(\)/);
    expect(() => zod.zodResponseFormat(z3.object({ when: z3.date() }), 'x')).toThrow(/a zod date/);
  });
});
