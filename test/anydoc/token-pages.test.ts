/**
 * Lists that hand back the next request's token with no `has_more`:
 * Stainless's `cursor` ← `next_cursor` (Increase) and Google's `pageToken` ←
 * `nextPageToken`, whose items are the response's one array. The client
 * iterates every item, the CLI and the MCP tool walk the pages with the exact
 * requests, a null, empty or absent token ends the walk and a repeated one
 * stops it. Such lists used to be plain responses. Lists where a token or the
 * items are missing or ambiguous stay plain.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { clientMethod, importTree, op, recordedApi, tempDir } from './support.js';

const q = (name: string, type = 'string') => ({ name, in: 'query', schema: { type } });
const item = { type: 'object', properties: { id: { type: 'string' } } };
const json = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);
const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line).id as string);

/** The list method of `operation` on a new client of the built package. */
describe('a Stainless list: cursor ← next_cursor, no has_more', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let repeat = false;
  const all = ['acc_1', 'acc_2', 'acc_3', 'acc_4', 'acc_5'];
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('stainless-cursor', join(tempDir('stainless-cursor'), 'doc'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'Increase', version: '1' },
      servers: [{ url }],
      paths: {
        '/accounts': {
          get: {
            operationId: 'list_accounts',
            parameters: [q('cursor'), q('limit', 'integer')],
            responses: json({ type: 'object', required: ['data', 'next_cursor'], properties: { data: { type: 'array', items: item }, next_cursor: { type: ['string', 'null'] } } }),
          },
        },
        // A has_more beside the token says when to stop, as in other lists.
        '/transfers': {
          get: {
            operationId: 'list_transfers',
            parameters: [q('cursor')],
            responses: json({ type: 'object', properties: { data: { type: 'array', items: item }, next_cursor: { type: ['string', 'null'] }, has_more: { type: 'boolean' } } }),
          },
        },
        // A cursor param without a next_cursor to follow: not taken for a token list.
        '/cards': {
          get: { operationId: 'list_cards', parameters: [q('cursor')], responses: json({ type: 'object', properties: { data: { type: 'array', items: item } } }) },
        },
      },
    })));
    rec.reset();
    rec.route('GET', '/accounts', (req) => {
      const cursor = new URLSearchParams(req.query).get('cursor');
      const start = cursor ? Number(cursor.slice(1)) : 0;
      const next = start + 2 < all.length ? `c${start + 2}` : null;
      return { body: { data: all.slice(start, start + 2).map((id) => ({ id })), next_cursor: repeat ? 'c2' : next } };
    });
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is a next_cursor list with no has_more field (with one when declared); a cursor without next_cursor stays plain', () => {
    const pagination = op(imported.spec, 'get', '/accounts').pagination;
    expect(pagination).toMatchObject({ style: 'next_cursor', requestParam: 'cursor', cursorField: 'next_cursor', itemsField: 'data' });
    expect(pagination).not.toHaveProperty('hasMoreField');
    expect(op(imported.spec, 'get', '/transfers').pagination).toMatchObject({ style: 'next_cursor', requestParam: 'cursor', cursorField: 'next_cursor', hasMoreField: 'has_more' });
    expect(op(imported.spec, 'get', '/cards').pagination).toBeUndefined();
  });

  it('the client, the CLI and the MCP tool walk every page until next_cursor is null', async () => {
    const accounts = op(imported.spec, 'get', '/accounts');
    const pages = ['/accounts', '/accounts?cursor=c2', '/accounts?cursor=c4'];
    rec.requests.length = 0;
    const list = await clientMethod(built, accounts);
    const seen: string[] = [];
    for await (const account of list()) seen.push(account.id);
    expect(seen).toEqual(all);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);

    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [accounts.names.cliGroup, accounts.names.cliCommand, '--format', 'jsonl'], {});
    expect([cli.code, lines(cli.stdout)], cli.stderr).toEqual([0, all]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);
    // --max-items stops at a page boundary and says more are available.
    rec.requests.length = 0;
    const capped = await runBin(built.cliBin, [accounts.names.cliGroup, accounts.names.cliCommand, '--max-items', '3', '--format', 'jsonl'], {});
    expect([capped.code, lines(capped.stdout)]).toEqual([0, ['acc_1', 'acc_2', 'acc_3']]);
    expect(capped.stderr).toMatch(/stopped after 3 items \(--max-items\)/);
    expect(rec.requests.map((r) => r.url)).toEqual(pages.slice(0, 2));
    // Inside a page a token cannot go on without skipping items; at a page's end it can, and the note says how.
    expect(capped.stderr).toMatch(/more are available\. Use --max-items -1 for all\./);
    const atPageEnd = await runBin(built.cliBin, [accounts.names.cliGroup, accounts.names.cliCommand, '--max-items', '4', '--format', 'jsonl'], {});
    expect(atPageEnd.stderr).toContain('Go on from here with --cursor c4, or use --max-items -1 for all.');
    const rest = await runBin(built.cliBin, [accounts.names.cliGroup, accounts.names.cliCommand, '--cursor', 'c4', '--format', 'jsonl'], {});
    expect(lines(rest.stdout)).toEqual(all.slice(4));

    const mcp = await connectMcp(built.mcpBin, [], { INCREASE_BASE_URL: rec.url });
    try {
      rec.requests.length = 0;
      const result = await mcp.client.callTool({ name: accounts.names.mcpTool, arguments: {} });
      expect(result.structuredContent).toEqual({ data: all.map((id) => ({ id })), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      // max_items stops at a whole page; next_cursor goes back as the cursor argument.
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: accounts.names.mcpTool, arguments: { max_items: 3 } });
      expect(cut.structuredContent).toEqual({ data: all.slice(0, 4).map((id) => ({ id })), has_more: true, truncated: true, next_cursor: 'c4' });
      const rest = await mcp.client.callTool({ name: accounts.names.mcpTool, arguments: { cursor: 'c4' } });
      expect(rest.structuredContent).toEqual({ data: [{ id: 'acc_5' }], has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual([...pages.slice(0, 2), '/accounts?cursor=c4']);
    } finally {
      await mcp.close();
    }
  });

  it('a repeated next_cursor stops every walk', async () => {
    const accounts = op(imported.spec, 'get', '/accounts');
    repeat = true;
    try {
      rec.requests.length = 0;
      const list = await clientMethod(built, accounts);
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const account of list()) seen.push(account.id);
        })(),
      ).rejects.toThrow(/returned the cursor "c2" again/);
      expect(seen).toEqual(['acc_1', 'acc_2', 'acc_3', 'acc_4']);
      expect(rec.requests.map((r) => r.url)).toEqual(['/accounts', '/accounts?cursor=c2']);

      const cli = await runBin(built.cliBin, [accounts.names.cliGroup, accounts.names.cliCommand, '--format', 'jsonl'], {});
      expect([cli.code, lines(cli.stdout)]).toEqual([0, ['acc_1', 'acc_2', 'acc_3', 'acc_4']]);
      expect(cli.stderr).toMatch(/warning: the server sent the cursor "c2" again; stopped after 2 pages/);

      const mcp = await connectMcp(built.mcpBin, [], { INCREASE_BASE_URL: rec.url });
      try {
        const result = await mcp.client.callTool({ name: accounts.names.mcpTool, arguments: {} });
        expect(result.structuredContent).toEqual({ data: ['acc_1', 'acc_2', 'acc_3', 'acc_4'].map((id) => ({ id })), has_more: true, truncated: true, next_cursor: 'c2' });
      } finally {
        await mcp.close();
      }
    } finally {
      repeat = false;
    }
  });
});

describe("a Google list: pageToken ← nextPageToken, the items in the response's one array", () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let repeat = false;
  // The second page is empty but has a token: the walk goes on (Google's lists may send such a page).
  const pageOf: Record<string, { experiments: Array<{ id: string }>; nextPageToken?: string }> = {
    '': { experiments: [{ id: 'e1' }, { id: 'e2' }], nextPageToken: 't1' },
    t1: { experiments: [], nextPageToken: 't2' },
    t2: { experiments: [{ id: 'e3' }], nextPageToken: '' },
  };
  beforeAll(async () => {
    const list = (name: string, arrays: string[], token: string | undefined, param = 'pageToken') => ({
      get: {
        operationId: name,
        parameters: [q(param), q('pageSize', 'integer')],
        responses: json({ type: 'object', properties: { ...Object.fromEntries(arrays.map((a) => [a, { type: 'array', items: item }])), ...(token ? { [token]: { type: 'string' } } : {}), totalSize: { type: 'integer' } } }),
      },
    });
    ({ imported, built, rec } = await recordedApi('page-token', join(tempDir('page-token'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Experiments', version: '1' },
      servers: [{ url }],
      paths: {
        '/v1/experiments': list('listExperiments', ['experiments'], 'nextPageToken'),
        '/v1/runs': list('listRuns', ['runs'], 'next_page_token', 'page_token'),
        // Two arrays and no `data`: which holds the items is not known, so no walk.
        '/v1/trials': list('listTrials', ['trials', 'unreachable'], 'nextPageToken'),
        // A page token with no next token in the response: nothing to follow.
        '/v1/metrics': list('listMetrics', ['metrics'], undefined),
      },
    })));
    rec.reset();
    rec.route('GET', '/v1/experiments', (req) => {
      const token = new URLSearchParams(req.query).get('pageToken') ?? '';
      return { body: repeat ? { experiments: [{ id: `e-${token}` }], nextPageToken: 't1' } : pageOf[token] };
    });
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is a page_token list on the one array, with no has_more field; ambiguous or tokenless lists stay plain', () => {
    const pagination = op(imported.spec, 'get', '/v1/experiments').pagination;
    expect(pagination).toMatchObject({ style: 'page_token', requestParam: 'pageToken', cursorField: 'nextPageToken', itemsField: 'experiments', item: { kind: 'object' } });
    expect(pagination).not.toHaveProperty('hasMoreField');
    expect(op(imported.spec, 'get', '/v1/runs').pagination).toMatchObject({ style: 'page_token', requestParam: 'page_token', cursorField: 'next_page_token', itemsField: 'runs' });
    expect(op(imported.spec, 'get', '/v1/trials').pagination).toBeUndefined();
    expect(op(imported.spec, 'get', '/v1/metrics').pagination).toBeUndefined();
    // Google's `pageSize` sizes the MCP tool's pages as `limit` does elsewhere.
    expect(buildToolTable(imported.spec).table.calls[op(imported.spec, 'get', '/v1/experiments').names.mcpTool]!.page).toMatchObject({ sizeParam: 'pageSize' });
  });

  it('the client, the CLI and the MCP tool walk every page, past an empty one, until the token is empty', async () => {
    const experimentsOp = op(imported.spec, 'get', '/v1/experiments');
    const pages = ['/v1/experiments', '/v1/experiments?pageToken=t1', '/v1/experiments?pageToken=t2'];
    rec.requests.length = 0;
    const list = await clientMethod(built, experimentsOp);
    const seen: string[] = [];
    for await (const experiment of list()) seen.push(experiment.id);
    expect(seen).toEqual(['e1', 'e2', 'e3']);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);
    // The page object: items as `data` (and under their own name), the token as the next cursor.
    const first = (await list()) as { data: unknown[]; experiments: unknown[]; hasNextPage(): boolean; nextCursor(): string | null };
    expect([ids(first.data as Array<{ id: string }>), first.experiments === first.data, first.hasNextPage(), first.nextCursor()]).toEqual([['e1', 'e2'], true, true, 't1']);

    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [experimentsOp.names.cliGroup, experimentsOp.names.cliCommand, '--format', 'jsonl'], {});
    expect([cli.code, lines(cli.stdout)], cli.stderr).toEqual([0, ['e1', 'e2', 'e3']]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);
    const whole = await runBin(built.cliBin, [experimentsOp.names.cliGroup, experimentsOp.names.cliCommand, '--format', 'json'], {});
    expect(JSON.parse(whole.stdout)).toEqual({ object: 'list', experiments: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }], has_more: false });

    const mcp = await connectMcp(built.mcpBin, [], { EXPERIMENTS_BASE_URL: rec.url });
    try {
      rec.requests.length = 0;
      const result = await mcp.client.callTool({ name: experimentsOp.names.mcpTool, arguments: {} });
      expect(result.structuredContent).toEqual({ data: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }], has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: experimentsOp.names.mcpTool, arguments: { max_items: 2 } });
      expect(cut.structuredContent).toEqual({ data: [{ id: 'e1' }, { id: 'e2' }], has_more: true, truncated: true, next_cursor: 't1' });
      const rest = await mcp.client.callTool({ name: experimentsOp.names.mcpTool, arguments: { pageToken: 't1' } });
      expect(rest.structuredContent).toEqual({ data: [{ id: 'e3' }], has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/v1/experiments', ...pages.slice(1)]);
      expect(mcp.client.getInstructions() ?? '').toContain('page-token lists stop at whole pages');
    } finally {
      await mcp.close();
    }
  });

  it('a repeated nextPageToken stops every walk', async () => {
    const experimentsOp = op(imported.spec, 'get', '/v1/experiments');
    repeat = true;
    try {
      rec.requests.length = 0;
      const list = await clientMethod(built, experimentsOp);
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const experiment of list()) seen.push(experiment.id);
        })(),
      ).rejects.toThrow(/returned the cursor "t1" again/);
      expect(seen).toEqual(['e-', 'e-t1']);
      expect(rec.requests.map((r) => r.url)).toEqual(['/v1/experiments', '/v1/experiments?pageToken=t1']);

      const cli = await runBin(built.cliBin, [experimentsOp.names.cliGroup, experimentsOp.names.cliCommand, '--format', 'jsonl'], {});
      expect([cli.code, lines(cli.stdout)]).toEqual([0, ['e-', 'e-t1']]);
      expect(cli.stderr).toMatch(/warning: the server sent the cursor "t1" again; stopped after 2 pages/);

      const mcp = await connectMcp(built.mcpBin, [], { EXPERIMENTS_BASE_URL: rec.url });
      try {
        const result = await mcp.client.callTool({ name: experimentsOp.names.mcpTool, arguments: {} });
        expect(result.structuredContent).toEqual({ data: [{ id: 'e-' }, { id: 'e-t1' }], has_more: true, truncated: true, next_cursor: 't1' });
      } finally {
        await mcp.close();
      }
    } finally {
      repeat = false;
    }
  });
});

describe('a marker list: marker ← next_marker (Box, OpenStack)', () => {
  it('is a next_cursor list on the one array; a marker beside an offset is left to the offset walk', async () => {
    const envelope = { type: 'object', properties: { limit: { type: 'integer' }, next_marker: { type: 'string', nullable: true }, entries: { type: 'array', items: item } } };
    const { spec } = await importTree(join(tempDir('marker'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Markers', version: '1' },
        paths: {
          '/webhooks': { get: { operationId: 'listWebhooks', parameters: [q('marker'), q('limit', 'integer')], responses: json(envelope) } },
          // Box reads the marker only with `usemarker=true`: the default walk is the offset's.
          '/users': { get: { operationId: 'listUsers', parameters: [q('marker'), q('usemarker', 'boolean'), q('offset', 'integer'), q('limit', 'integer')], responses: json(envelope) } },
        },
      },
    });
    const marker = op(spec, 'get', '/webhooks').pagination;
    expect(marker).toMatchObject({ style: 'next_cursor', requestParam: 'marker', cursorField: 'next_marker', itemsField: 'entries' });
    expect(marker).not.toHaveProperty('hasMoreField');
    expect(op(spec, 'get', '/users').pagination).toMatchObject({ style: 'offset', requestParam: 'offset', sizeParam: 'limit', itemsField: 'entries' });
  });
});
