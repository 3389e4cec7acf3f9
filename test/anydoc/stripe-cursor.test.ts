/**
 * Stripe's cursor names: `starting_after` takes the last item's id and
 * `has_more` says whether to go on (`ending_before` pages back). Such a list
 * pages as `after` lists do: the client iterates every item, the CLI and the
 * MCP tool walk the pages. It used to be a plain response.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const q = (name: string, type = 'string') => ({ name, in: 'query', schema: { type } });
const ids = ['ch_1', 'ch_2', 'ch_3', 'ch_4', 'ch_5'];
let repeat = false;

describe('a list paged by starting_after', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('stripe-cursor', join(tempDir('stripe-cursor'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Charges', version: '1' },
      servers: [{ url }],
      paths: {
        '/v1/charges': {
          get: {
            operationId: 'GetCharges',
            parameters: [q('starting_after'), q('ending_before'), q('limit', 'integer')],
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { type: 'object', required: ['data', 'has_more'], properties: { object: { type: 'string', enum: ['list'] }, data: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } }, has_more: { type: 'boolean' } } } } },
              },
            },
          },
        },
      },
    })));
    rec.reset();
    rec.route('GET', '/v1/charges', (req) => {
      const query = new URLSearchParams(req.query);
      const before = query.get('ending_before');
      // A server that answers every backward page with the same one (its first item is the next cursor again).
      if (before && repeat) return { body: { object: 'list', data: [{ id: 'ch_3' }, { id: 'ch_4' }], has_more: true } };
      if (before) {
        const end = ids.indexOf(before);
        return { body: { object: 'list', data: ids.slice(Math.max(0, end - 2), end).map((id) => ({ id })), has_more: end - 2 > 0 } };
      }
      const after = query.get('starting_after');
      const start = after ? ids.indexOf(after) + 1 : 0;
      const page = ids.slice(start, start + 2);
      return { body: { object: 'list', data: page.map((id) => ({ id })), has_more: start + 2 < ids.length } };
    });
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is a cursor list on starting_after', () => {
    expect(op(imported.spec, 'get', '/v1/charges').pagination).toMatchObject({ style: 'cursor_before', requestParam: 'starting_after', cursorField: 'last_id', hasMoreField: 'has_more', beforeParam: 'ending_before' });
  });

  it('a walk that starts with ending_before goes on backwards, never sending both cursors', async () => {
    rec.requests.length = 0;
    const { default: Charges } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const seen: string[] = [];
    for await (const charge of new Charges().charges.list({ ending_before: 'ch_5' })) seen.push(charge.id);
    expect(seen).toEqual(['ch_3', 'ch_4', 'ch_1', 'ch_2']);
    expect(rec.requests.map((r) => r.url)).toEqual(['/v1/charges?ending_before=ch_5', '/v1/charges?ending_before=ch_3']);
    const charges = op(imported.spec, 'get', '/v1/charges');
    const cli = await runBin(built.cliBin, [charges.names.cliGroup, charges.names.cliCommand, '--ending-before', 'ch_5', '--format', 'jsonl'], {});
    expect([cli.code, cli.stdout.trim().split('\n').map((line) => JSON.parse(line).id)]).toEqual([0, ['ch_3', 'ch_4', 'ch_1', 'ch_2']]);
    expect(rec.requests.every((r) => !r.url.includes('starting_after'))).toBe(true);
    // A repeated backward cursor stops the walk with a warning and the items so far, as a forward one does.
    repeat = true;
    const looped = await runBin(built.cliBin, [charges.names.cliGroup, charges.names.cliCommand, '--ending-before', 'ch_5', '--format', 'jsonl'], {});
    repeat = false;
    expect([looped.code, looped.stdout.trim().split('\n').map((line) => JSON.parse(line).id)]).toEqual([0, ['ch_3', 'ch_4']]);
    expect(looped.stderr).toMatch(/warning: the server sent the cursor "ch_3" again; stopped after 2 pages/);
    const mcp = await connectMcp(built.mcpBin, [], { CHARGES_BASE_URL: rec.url });
    try {
      rec.requests.length = 0;
      const result = await mcp.client.callTool({ name: charges.names.mcpTool, arguments: { ending_before: 'ch_5' } });
      expect(result.structuredContent).toEqual({ data: [{ id: 'ch_3' }, { id: 'ch_4' }, { id: 'ch_1' }, { id: 'ch_2' }], has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/v1/charges?ending_before=ch_5', '/v1/charges?ending_before=ch_3']);
      // Stopped at max_items: whole pages, and next_cursor goes back as ending_before.
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: charges.names.mcpTool, arguments: { ending_before: 'ch_5', max_items: 1 } });
      expect(cut.structuredContent).toEqual({ data: [{ id: 'ch_3' }, { id: 'ch_4' }], has_more: true, truncated: true, next_cursor: 'ch_3' });
      const rest = await mcp.client.callTool({ name: charges.names.mcpTool, arguments: { ending_before: 'ch_3' } });
      expect(rest.structuredContent).toMatchObject({ data: [{ id: 'ch_1' }, { id: 'ch_2' }], has_more: false });
      expect(rec.requests.map((r) => r.url)).toEqual(['/v1/charges?ending_before=ch_5', '/v1/charges?ending_before=ch_3']);
      expect(mcp.client.getInstructions() ?? '').toContain('a call with ending_before walks backwards, and its next_cursor goes back as ending_before');
    } finally {
      await mcp.close();
    }
  });

  it('the client, the CLI and the MCP tool walk every page', async () => {
    rec.requests.length = 0;
    const { default: Charges } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const seen: string[] = [];
    for await (const charge of new Charges().charges.list()) seen.push(charge.id);
    expect(seen).toEqual(ids);
    expect(rec.requests.map((r) => r.url)).toEqual(['/v1/charges', '/v1/charges?starting_after=ch_2', '/v1/charges?starting_after=ch_4']);
    const charges = op(imported.spec, 'get', '/v1/charges');
    const cli = await runBin(built.cliBin, [charges.names.cliGroup, charges.names.cliCommand, '--format', 'jsonl'], {});
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(ids);
    const mcp = await connectMcp(built.mcpBin, [], { CHARGES_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: charges.names.mcpTool, arguments: {} });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(((result.structuredContent as { data: Array<{ id: string }> }).data).map((c) => c.id)).toEqual(ids);
    } finally {
      await mcp.close();
    }
  });
});
