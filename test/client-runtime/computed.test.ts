/**
 * Computed properties (OperationSpec.computed, from a target config's
 * `computed:`): the API never sends a Responses `Response`'s `output_text`,
 * and openai-node fills it in from the output messages' text parts, so
 * `console.log(response.output_text)` (every Responses example) prints the
 * answer. The core does the same for the operations that carry the path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../runtime/client/operation.js';
import { fillComputed } from '../../runtime/client/responses.js';
import { ioClient } from './support/io-ops.js';
import { startRawServer, type RawServer } from './support/raw-server.js';

const PATH = 'output[type=message].content[type=output_text].text';

const createResponse: OperationSpec = {
  key: 'responses.create',
  method: 'post',
  path: '/responses',
  pathParams: [],
  body: { contentType: 'application/json', fields: { model: 'model', input: 'input', stream: 'stream' } },
  stream: { param: 'stream' },
  computed: { output_text: PATH },
  auth: true,
};

const RESPONSE = {
  id: 'resp_1',
  object: 'response',
  output: [
    { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'not this' }] },
    { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: 'x = ' }, { type: 'refusal', refusal: 'nor this' }] },
    { type: 'function_call', id: 'fc_1', name: 'f', arguments: '{}' },
    { type: 'message', id: 'msg_2', content: [{ type: 'output_text', text: '-29/8' }] },
  ],
};

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

describe('computed properties', () => {
  it('are filled in on the JSON a call resolves to: the text parts of the messages, joined', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(RESPONSE)));
    const response = await ioClient(server.url).request<{ output_text: string; output: unknown[] }>(createResponse, { model: 'm', input: 'solve 8x + 31 = 2' });
    expect(response.output_text).toBe('x = -29/8');
    expect(response.output).toEqual(RESPONSE.output);
    const { data } = await ioClient(server.url).request<{ output_text: string }>(createResponse, { model: 'm', input: 'hi' }).withResponse();
    expect(data.output_text).toBe('x = -29/8');
  });

  it("are '' when nothing matches, and a string the server sent is kept", () => {
    expect(fillComputed({ output: [{ type: 'function_call' }] }, { output_text: PATH })).toEqual({ output: [{ type: 'function_call' }], output_text: '' });
    expect(fillComputed({ output: [] , output_text: 'sent' }, { output_text: PATH })).toEqual({ output: [], output_text: 'sent' });
    expect(fillComputed({ output_text: null }, { output_text: PATH })).toEqual({ output_text: '' });
    expect(fillComputed([1], { output_text: PATH })).toEqual([1]);
  });

  it('leave streams alone', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify({ type: 'response.completed', response: RESPONSE })}\n\ndata: [DONE]\n\n`);
    });
    const events: Array<{ response: { output_text?: string } }> = [];
    for await (const e of await ioClient(server.url).request<AsyncIterable<{ response: { output_text?: string } }>>(createResponse, { model: 'm', input: 'hi', stream: true })) events.push(e);
    expect(events).toHaveLength(1);
    expect(events[0]!.response.output_text).toBeUndefined();
  });
});
