/**
 * "One of these fields is required": a body whose `oneOf`/`anyOf` members
 * require different fields (urlbox's `url` or `html`; members of a union body
 * that share some required fields). The listed input schema stays flat (no
 * top-level `anyOf`, which Anthropic's and OpenAI's tool schemas refuse), the
 * tool description states the forms, and the MCP server refuses a call that
 * gives none of them before any request, naming them; each form alone is sent.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, type Built, type Imported } from '../support/pipeline.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { lintToolTable } from '../mcp/lint.js';
import { op, recordedApi, tempDir } from './support.js';

const str = { type: 'string' };
const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

describe('a body that needs one of several fields', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('body-alternatives', join(tempDir('body-alternatives'), 'doc'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'Alternatives', version: '1' },
      servers: [{ url }],
      paths: {
        // urlbox: properties, and members that only add `required`.
        '/render': {
          post: {
            operationId: 'render',
            requestBody: body({ type: 'object', properties: { url: str, html: str, width: { type: 'integer' } }, oneOf: [{ required: ['url'] }, { required: ['html'] }] }),
            responses: ok,
          },
        },
        // Object members sharing `kind`; the body's `id` is the tool's `body_id` (the path param keeps `id`).
        '/things/{id}': {
          post: {
            operationId: 'tagThing',
            parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
            requestBody: body({
              oneOf: [
                { type: 'object', required: ['kind', 'id'], properties: { kind: str, id: str } },
                { type: 'object', required: ['kind', 'name'], properties: { kind: str, name: str } },
              ],
            }),
            responses: ok,
          },
        },
        // A form of two fields; a summary without a full stop.
        '/people': {
          post: {
            operationId: 'addPerson',
            summary: 'Add a person',
            requestBody: body({
              type: 'object',
              properties: { first_name: str, last_name: str, email: str },
              anyOf: [{ required: ['first_name', 'last_name'] }, { required: ['email'] }],
            }),
            responses: ok,
          },
        },
        // One member requires nothing the other does not: no rule.
        '/notes': {
          post: {
            operationId: 'addNote',
            requestBody: body({ type: 'object', properties: { text: str, title: str }, anyOf: [{ required: ['text'] }, { required: ['text', 'title'] }] }),
            responses: ok,
          },
        },
      },
    })));
    rec.route('POST', /./, () => ({ body: { ok: true } }));
  }, 120_000);
  afterAll(async () => rec?.close());

  const toolOf = (method: string, path: string) => op(imported.spec, method, path).names.mcpTool;

  it('states the forms in the description and the call spec, in input keys, with a schema every client accepts', () => {
    const { table } = buildToolTable(imported.spec);
    expect(lintToolTable(table)).toEqual([]);
    const tool = (path: string) => table.tools.find((t) => t.name === toolOf('post', path))!;
    const call = (path: string) => table.calls[toolOf('post', path)]!;
    expect([tool('/render').description, call('/render').requiredAnyOf]).toEqual(['Create render (POST /render). Pass url or html.', [['url'], ['html']]]);
    expect(tool('/render').inputSchema.required).toBeUndefined();
    expect(tool('/things/{id}').description).toMatch(/ Pass body_id or name\.$/);
    expect([tool('/things/{id}').inputSchema.required, call('/things/{id}').requiredAnyOf]).toEqual([['id', 'kind'], [['body_id'], ['name']]]);
    // A summary without a full stop gets one before the forms.
    expect(tool('/people').description).toBe('Add a person. Pass one of: first_name and last_name; email.');
    expect(call('/people').requiredAnyOf).toEqual([['first_name', 'last_name'], ['email']]);
    expect([tool('/notes').inputSchema.required, call('/notes').requiredAnyOf]).toEqual([['text'], undefined]);
    expect(tool('/notes').description).not.toMatch(/Pass/);
    // The forms live in the call spec: no listed schema carries a combinator for them.
    for (const t of table.tools) for (const k of ['anyOf', 'oneOf', 'allOf']) expect(t.inputSchema[k], t.name).toBeUndefined();
  });

  it('refuses a call with none of the forms before any request, and sends each form alone', async () => {
    const mcp = await connectMcp(built.mcpBin, [], { [imported.spec.packages.baseURLEnv]: rec.url });
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.find((t) => t.name === toolOf('post', '/render'))!.description).toMatch(/Pass url or html\.$/);
      const call = (path: string, args: Record<string, unknown>) => mcp.client.callTool({ name: toolOf('post', path), arguments: args });
      const text = (result: Awaited<ReturnType<typeof call>>) => (result.content as Array<{ text: string }>)[0]!.text;
      const before = rec.requests.length;
      const none = await call('/render', { width: 800 });
      expect(none.isError).toBe(true);
      expect(text(none)).toBe(`Invalid arguments for ${toolOf('post', '/render')}: needs one of: url, html`);
      const empty = await call('/render', {});
      expect(text(empty)).toMatch(/: needs one of: url, html$/);
      const thing = await call('/things/{id}', { id: 't1', kind: 'k' });
      expect(text(thing)).toMatch(/: needs one of: body_id, name$/);
      const half = await call('/people', { first_name: 'Ada' });
      expect(text(half)).toMatch(/: needs one of: first_name \+ last_name, email$/);
      expect(rec.requests.length).toBe(before);

      const sent = async (path: string, args: Record<string, unknown>) => {
        const result = await call(path, args);
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        const last = rec.requests.at(-1)!;
        return [last.path, last.json()];
      };
      expect(await sent('/render', { url: 'https://example.com' })).toEqual(['/render', { url: 'https://example.com' }]);
      expect(await sent('/render', { html: '<p>hi</p>', width: 800 })).toEqual(['/render', { html: '<p>hi</p>', width: 800 }]);
      expect(await sent('/things/{id}', { id: 't1', kind: 'k', body_id: 'b1' })).toEqual(['/things/t1', { kind: 'k', id: 'b1' }]);
      expect(await sent('/things/{id}', { id: 't1', kind: 'k', name: 'n' })).toEqual(['/things/t1', { kind: 'k', name: 'n' }]);
      expect(await sent('/people', { first_name: 'Ada', last_name: 'Lovelace' })).toEqual(['/people', { first_name: 'Ada', last_name: 'Lovelace' }]);
      expect(await sent('/people', { email: 'ada@example.com' })).toEqual(['/people', { email: 'ada@example.com' }]);
      expect(await sent('/notes', { text: 'hi' })).toEqual(['/notes', { text: 'hi' }]);
      expect(rec.requests.length).toBe(before + 7);
    } finally {
      await mcp.close();
    }
  });
});
