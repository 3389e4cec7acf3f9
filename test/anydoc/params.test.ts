/**
 * Parameter names that TypeScript, a shell or an MCP client cannot take as
 * they are, resolved at import with one readable scheme on every surface:
 * operators glued to a name (`StartTime<`, `created[gte]`, `price.gt`,
 * `!status`), and one name in two places (path and query, query and body).
 * Wire names never change: the generated CLI and MCP server send them exactly.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { connectMcp, generateAndBuild, runBin, scratchDir, type Built } from '../support/pipeline.js';
import { entries, importTree, op, surfaces, tempDir } from './support.js';
import type { Imported } from '../support/pipeline.js';

const str = { type: 'string' };
const q = (name: string, schema: object = str) => ({ name, in: 'query', schema });
const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } };
// Twilio's list envelope: the items under the resource's own name.
const calls = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { calls: { type: 'array', items: { type: 'object' } } } } } } } };

const doc = {
  openapi: '3.0.3',
  info: { title: 'Params Fixture', version: '1' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/Accounts/{AccountSid}/Calls.json': {
      get: {
        operationId: 'ListCall',
        parameters: [
          { name: 'AccountSid', in: 'path', required: true, schema: str },
          q('StartTime'), q('StartTime<'), q('StartTime>'), q('StartTime<='), q('StartTime>='), q('Status!='),
        ],
        responses: calls,
      },
    },
    '/charges': {
      get: {
        operationId: 'listCharges',
        parameters: [q('created[gte]', { type: 'integer' }), q('created[lt]', { type: 'integer' }), q('price.gt', { type: 'number' }), q('filter[name]'), q('!status'), q('$top', { type: 'integer' })],
        responses: ok,
      },
    },
    '/lists/{list_id}/members': {
      post: {
        operationId: 'addMember',
        parameters: [{ name: 'list_id', in: 'path', required: true, schema: str }, q('list_id'), q('email'), { name: 'Email', in: 'header', schema: str }],
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['email'], properties: { email: str, list_id: str, full_name: str } } } } },
        responses: ok,
      },
    },
  },
};

let imported: Imported;
const dir = tempDir('params');

beforeAll(async () => {
  imported = await importTree(dir, { 'openapi.json': doc });
});

describe('operator-suffixed and -prefixed parameters', () => {
  it('Twilio-style `X<`, `X>`, `X<=`, `X>=`, `X!=` become X_lt, X_gt, X_lte, X_gte, X_ne', () => {
    const o = op(imported.spec, 'get', '/Accounts/{AccountSid}/Calls.json');
    expect(surfaces(imported.spec, o)).toEqual([
      { wire: 'AccountSid', in: 'path', client: 'AccountSid', flag: 'account-sid', mcp: 'AccountSid' },
      { wire: 'StartTime', in: 'query', client: 'StartTime', flag: 'start-time', mcp: 'StartTime' },
      { wire: 'StartTime<', in: 'query', client: 'StartTime_lt', flag: 'start-time-lt', mcp: 'StartTime_lt' },
      { wire: 'StartTime>', in: 'query', client: 'StartTime_gt', flag: 'start-time-gt', mcp: 'StartTime_gt' },
      { wire: 'StartTime<=', in: 'query', client: 'StartTime_lte', flag: 'start-time-lte', mcp: 'StartTime_lte' },
      { wire: 'StartTime>=', in: 'query', client: 'StartTime_gte', flag: 'start-time-gte', mcp: 'StartTime_gte' },
      { wire: 'Status!=', in: 'query', client: 'Status_ne', flag: 'status-ne', mcp: 'Status_ne' },
    ]);
  });

  it('Stripe-style brackets and dots read the same way; prefixes become words or drop', () => {
    const o = op(imported.spec, 'get', '/charges');
    expect(surfaces(imported.spec, o)).toEqual([
      { wire: 'created[gte]', in: 'query', client: 'created_gte', flag: 'created-gte', mcp: 'created_gte' },
      { wire: 'created[lt]', in: 'query', client: 'created_lt', flag: 'created-lt', mcp: 'created_lt' },
      { wire: 'price.gt', in: 'query', client: 'price_gt', flag: 'price-gt', mcp: 'price_gt' },
      { wire: 'filter[name]', in: 'query', client: 'filter_name', flag: 'filter-name', mcp: 'filter_name' },
      { wire: '!status', in: 'query', client: 'not_status', flag: 'not-status', mcp: 'not_status' },
      { wire: '$top', in: 'query', client: 'top', flag: 'top', mcp: 'top' },
    ]);
  });
});

describe('one name in two places', () => {
  it('the path param keeps it; the query, header and body ones are prefixed by where they go', () => {
    const o = op(imported.spec, 'post', '/lists/{list_id}/members');
    expect(surfaces(imported.spec, o)).toEqual([
      { wire: 'list_id', in: 'path', client: 'list_id', flag: 'list-id', mcp: 'list_id' },
      { wire: 'list_id', in: 'query', client: 'query_list_id', flag: 'query-list-id', mcp: 'query_list_id' },
      { wire: 'email', in: 'query', client: 'email', flag: 'email', mcp: 'email' },
      // `Email` and `email` would be one CLI flag.
      { wire: 'Email', in: 'header', client: 'header_Email', flag: 'header-email', mcp: 'header_Email' },
      { wire: 'email', in: 'body', client: 'body_email', flag: 'body-email', mcp: 'body_email' },
      { wire: 'list_id', in: 'body', client: 'body_list_id', flag: 'body-list-id', mcp: 'body_list_id' },
      { wire: 'full_name', in: 'body', client: 'full_name', flag: 'full-name', mcp: 'full_name' },
    ]);
  });

  it('each rename is in the report with its pointer', () => {
    expect(entries(imported.report, 'param-renamed')).toEqual([
      expect.stringMatching(/^\/paths\/~1lists~1\{list_id\}~1members\/post\/parameters\/1: query parameter `list_id` shares the name `list_id` with the path parameter `list_id`; it is `query_list_id`.*`--query-list-id`/),
      expect.stringMatching(/^\/paths\/~1lists~1\{list_id\}~1members\/post\/parameters\/3: header parameter `Email` .* `header_Email`/),
      expect.stringMatching(/requestBody\/content\/application~1json\/schema\/properties\/email: body parameter `email` .* `body_email`/),
      expect.stringMatching(/requestBody\/content\/application~1json\/schema\/properties\/list_id: body parameter `list_id` .* `body_list_id`/),
    ]);
  });
});

describe('the built CLI and MCP server send the wire names exactly', () => {
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-params'));
    rec = await startRecorder();
  }, 120_000);
  afterAll(async () => rec?.close());

  it('CLI: operator flags', async () => {
    const r = await runBin(built.cliBin, ['accounts:calls', 'list', '--account-sid', 'AC1', '--start-time-gte', '2024-01-01', '--start-time-lt', '2024-02-01', '--dry-run', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).url).toBe('https://api.example.com/Accounts/AC1/Calls.json?StartTime%3C=2024-02-01&StartTime%3E%3D=2024-01-01');
  });

  it('MCP: the same name in path, query, header and body', async () => {
    const mcp = await connectMcp(built.mcpBin, [], { PARAMS_FIXTURE_BASE_URL: rec.url });
    try {
      const result = (await mcp.client.callTool({
        name: 'params_fixture_add_member',
        arguments: { list_id: 'L1', query_list_id: 'Q1', email: 'q@example.com', header_Email: 'h@example.com', body_email: 'b@example.com', body_list_id: 'B1' },
      })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(result.isError, result.content[0]?.text).toBeFalsy();
    } finally {
      await mcp.close();
    }
    const req = rec.requests.at(-1)!;
    expect(req.url).toBe('/lists/L1/members?list_id=Q1&email=q%40example.com');
    expect(req.headers['email']).toBe('h@example.com');
    expect(req.json()).toEqual({ email: 'b@example.com', list_id: 'B1' });
  });
});
