/**
 * Lists paged by a page number or an offset: an integer `page` param (the
 * first page 1, or 0 when the param says so) with a page count in the
 * response (`meta.total_pages`, Spring's `totalPages`) or none, and an
 * integer `offset` with a `limit` and an item count (`total_count`) or none.
 * They used to be plain responses, so a walk stopped after one page. The
 * client iterates every item, the CLI and the MCP tool walk with the exact
 * requests, a walk ends at the count, else at an empty page or one shorter
 * than the size sent, and a server that ignores the page param (the same
 * page again) stops it. A page param that is a token, an offset without a
 * size (in an envelope or a bare array) and a POST stay plain
 * (array-pages.test.ts and offset-array-pages.test.ts page bare arrays).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { clientMethod, collectIds, op, recordedApi, tempDir } from './support.js';
import { get, ids, int, item, json, lines, list, query } from './counted-lists.js';


describe('page-number and offset lists', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  /** The articles server ignores `page` (sends page 1 every time). */
  let ignorePage = false;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('number-pages', join(tempDir('number-pages'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Numbers', version: '1' },
      servers: [{ url }],
      paths: {
        // A page count nested in `meta`; pages from 1.
        '/articles': get('listArticles', [int('page', { minimum: 1 }), int('per_page', { maximum: 50 })], { type: 'object', properties: { data: list, meta: { type: 'object', properties: { total_pages: { type: 'integer' } } } } }),
        // Spring: pages from 0 (the param's minimum), `totalPages` at the top, the items in `content`.
        '/posts': get('listPosts', [int('page', { minimum: 0, default: 0 }), int('size')], { type: 'object', properties: { content: list, totalPages: { type: 'integer' }, number: { type: 'integer' } } }),
        // No count: an empty page, or one shorter than `per_page`, is the last.
        '/comments': get('listComments', [int('page'), int('per_page')], { type: 'object', properties: { comments: list } }),
        // An offset with a size, and an item count (Box: `total_count`, items in `entries` beside `order`).
        '/users': get('listUsers', [int('offset'), int('limit')], { type: 'object', properties: { entries: list, order: { type: 'array', items: { type: 'object' } }, total_count: { type: 'integer' } } }),
        // An offset without a count.
        '/logs': get('listLogs', [int('offset'), int('limit')], { type: 'object', properties: { data: list } }),
        // Look-alikes: `page` as a token, a bare array with an offset and no size, an offset with no size, a POST.
        '/search': get('search', [{ name: 'page', in: 'query', schema: { type: 'string' } }], { type: 'object', properties: { results: list } }),
        '/tags': get('listTags', [int('offset')], list),
        '/files': get('listFiles', [int('offset')], { type: 'object', properties: { data: list, total: { type: 'integer' } } }),
        '/reports': { post: { operationId: 'queryReports', parameters: [int('page')], responses: json({ type: 'object', properties: { data: list, total_pages: { type: 'integer' } } }) } },
      },
    })));
    rec.reset();
    // 5 articles, 2 a page (per_page, default 2): 3 pages, `meta.total_pages` 3.
    rec.route('GET', '/articles', (req) => {
      const page = ignorePage ? 1 : Number(query(req, 'page') ?? 1);
      const size = Number(query(req, 'per_page') ?? 2);
      return { body: { data: ids('a', (page - 1) * size + 1, Math.max(0, Math.min(size, 5 - (page - 1) * size))), meta: { total_pages: Math.ceil(5 / size) } } };
    });
    rec.route('GET', '/posts', (req) => {
      const page = Number(query(req, 'page') ?? 0);
      return { body: { content: ids('p', page * 2, page < 2 ? 2 : 0), totalPages: 2, number: page } };
    });
    // 3 full pages of 2, then a short one; without per_page, an empty page ends it.
    rec.route('GET', '/comments', (req) => {
      const page = Number(query(req, 'page') ?? 1);
      return { body: { comments: page <= 2 ? ids('c', page * 2 - 1, 2) : page === 3 ? ids('c', 5, 1) : [] } };
    });
    // 5 users; the server gives at most 2 a page whatever the limit.
    rec.route('GET', '/users', (req) => {
      const offset = Number(query(req, 'offset') ?? 0);
      return { body: { entries: ids('u', offset + 1, Math.max(0, Math.min(2, 5 - offset))), order: [], total_count: 5 } };
    });
    rec.route('GET', '/logs', (req) => {
      const offset = Number(query(req, 'offset') ?? 0);
      const limit = Number(query(req, 'limit') ?? 3);
      return { body: { data: ids('l', offset + 1, Math.max(0, Math.min(limit, 4 - offset))) } };
    });
  }, 120_000);
  afterAll(async () => rec?.close());

  it('recognizes page numbers and offsets, their counts and sizes; look-alikes stay plain', () => {
    expect(op(imported.spec, 'get', '/articles').pagination).toMatchObject({ style: 'page_number', requestParam: 'page', cursorField: '', itemsField: 'data', firstPage: 1, totalPath: ['meta', 'total_pages'], sizeParam: 'per_page' });
    expect(op(imported.spec, 'get', '/posts').pagination).toMatchObject({ style: 'page_number', firstPage: 0, totalPath: ['totalPages'], sizeParam: 'size', itemsField: 'content' });
    const comments = op(imported.spec, 'get', '/comments').pagination;
    expect(comments).toMatchObject({ style: 'page_number', firstPage: 1, sizeParam: 'per_page', itemsField: 'comments' });
    expect(comments).not.toHaveProperty('totalPath');
    expect(op(imported.spec, 'get', '/users').pagination).toMatchObject({ style: 'offset', requestParam: 'offset', sizeParam: 'limit', totalPath: ['total_count'], itemsField: 'entries' });
    expect(op(imported.spec, 'get', '/logs').pagination).toMatchObject({ style: 'offset', requestParam: 'offset', sizeParam: 'limit', itemsField: 'data' });
    for (const [method, path] of [['get', '/search'], ['get', '/tags'], ['get', '/files'], ['post', '/reports']] as const) {
      expect(op(imported.spec, method, path).pagination, path).toBeUndefined();
    }
    // The MCP tool continues at an integer.
    const tool = buildToolTable(imported.spec).table;
    const name = op(imported.spec, 'get', '/articles').names.mcpTool;
    expect(tool.calls[name]!.page).toMatchObject({ style: 'page_number', requestParam: 'page', sizeParam: 'per_page' });
    expect(tool.tools.find((t) => t.name === name)!.outputSchema!.properties!.next_cursor).toEqual({ type: ['integer', 'null'] });
  });

  it('the client walks each list to its count, its empty page or its short page', async () => {
    const urls = () => rec.requests.map((r) => r.url);
    rec.requests.length = 0;
    expect(await collectIds((await clientMethod(built, op(imported.spec, 'get', '/articles')))())).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(urls()).toEqual(['/articles', '/articles?page=2', '/articles?page=3']);
    rec.requests.length = 0;
    expect(await collectIds((await clientMethod(built, op(imported.spec, 'get', '/posts')))())).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(urls()).toEqual(['/posts', '/posts?page=1']);
    // A short page ends the walk when a size was sent; without one, only an empty page does.
    rec.requests.length = 0;
    expect(await collectIds((await clientMethod(built, op(imported.spec, 'get', '/comments')))({ per_page: 2 }))).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(urls()).toEqual(['/comments?per_page=2', '/comments?page=2&per_page=2', '/comments?page=3&per_page=2']);
    rec.requests.length = 0;
    expect(await collectIds((await clientMethod(built, op(imported.spec, 'get', '/comments')))())).toHaveLength(5);
    expect(urls()).toEqual(['/comments', '/comments?page=2', '/comments?page=3', '/comments?page=4']);
    // An offset goes up by the items received (the server gave fewer than asked) until the count.
    rec.requests.length = 0;
    expect(await collectIds((await clientMethod(built, op(imported.spec, 'get', '/users')))({ limit: 10 }))).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(urls()).toEqual(['/users?limit=10', '/users?offset=2&limit=10', '/users?offset=4&limit=10']);
    rec.requests.length = 0;
    expect(await collectIds((await clientMethod(built, op(imported.spec, 'get', '/logs')))({ limit: 3 }))).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(urls()).toEqual(['/logs?limit=3', '/logs?offset=3&limit=3']);
    // The page object: the next params, counted.
    const first = await (await clientMethod(built, op(imported.spec, 'get', '/articles')))({ page: 2 });
    expect([first.hasNextPage(), first.nextPageRequestParams(), first.nextCursor()]).toEqual([true, { page: 3 }, '3']);
  });

  it('the CLI and the MCP tool walk the same requests; MCP resumes at the integer next_cursor', async () => {
    const articles = op(imported.spec, 'get', '/articles');
    const pages = ['/articles', '/articles?page=2', '/articles?page=3'];
    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [articles.names.cliGroup, articles.names.cliCommand, '--format', 'jsonl'], {});
    expect([cli.code, lines(cli.stdout)], cli.stderr).toEqual([0, ['a1', 'a2', 'a3', 'a4', 'a5']]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);
    rec.requests.length = 0;
    const users = op(imported.spec, 'get', '/users');
    const offsets = await runBin(built.cliBin, [users.names.cliGroup, users.names.cliCommand, '--limit', '2', '--max-items', '3', '--format', 'jsonl'], {});
    expect([offsets.code, lines(offsets.stdout)]).toEqual([0, ['u1', 'u2', 'u3']]);
    expect(offsets.stderr).toMatch(/stopped after 3 items \(--max-items\)/);
    expect(rec.requests.map((r) => r.url)).toEqual(['/users?limit=2', '/users?offset=2&limit=2']);
    // At a page's end the next page number or offset is where to go on.
    const pageEnd = await runBin(built.cliBin, [articles.names.cliGroup, articles.names.cliCommand, '--max-items', '2', '--format', 'jsonl'], {});
    expect(pageEnd.stderr).toContain('Go on from here with --page 2, or use');
    const offsetEnd = await runBin(built.cliBin, [users.names.cliGroup, users.names.cliCommand, '--limit', '2', '--max-items', '4', '--format', 'jsonl'], {});
    expect(offsetEnd.stderr).toContain('Go on from here with --offset 4, or use');

    const mcp = await connectMcp(built.mcpBin, [], { NUMBERS_BASE_URL: rec.url });
    try {
      rec.requests.length = 0;
      const all = await mcp.client.callTool({ name: articles.names.mcpTool, arguments: {} });
      expect(all.structuredContent).toEqual({ data: ids('a', 1, 5), has_more: false, truncated: false, next_cursor: null });
      // max_items alone sizes the pages (per_page up to its maximum): one page of 3 here, then page 2 on resume.
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: articles.names.mcpTool, arguments: { max_items: 3 } });
      expect(cut.structuredContent).toEqual({ data: ids('a', 1, 3), has_more: true, truncated: true, next_cursor: 2 });
      const rest = await mcp.client.callTool({ name: articles.names.mcpTool, arguments: { per_page: 3, page: 2 } });
      expect(rest.structuredContent).toEqual({ data: ids('a', 4, 2), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/articles?per_page=3', '/articles?page=2&per_page=3']);
      const offset = await mcp.client.callTool({ name: users.names.mcpTool, arguments: { limit: 2, max_items: 2 } });
      expect(offset.structuredContent).toEqual({ data: ids('u', 1, 2), has_more: true, truncated: true, next_cursor: 2 });
      expect(mcp.client.getInstructions() ?? '').toContain('page-number and offset lists stop at whole pages');
    } finally {
      await mcp.close();
    }
  });

  it('a server that ignores the page param stops every walk', async () => {
    const articles = op(imported.spec, 'get', '/articles');
    ignorePage = true;
    try {
      rec.requests.length = 0;
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const a of (await clientMethod(built, articles))()) seen.push(a.id);
        })(),
      ).rejects.toThrow(/page 2 returned the same items as page 1; the server may not read page/);
      expect(seen).toEqual(['a1', 'a2']);
      expect(rec.requests.map((r) => r.url)).toEqual(['/articles', '/articles?page=2']);

      const cli = await runBin(built.cliBin, [articles.names.cliGroup, articles.names.cliCommand, '--format', 'jsonl'], {});
      expect([cli.code, lines(cli.stdout)]).toEqual([0, ['a1', 'a2']]);
      expect(cli.stderr).toMatch(/warning: .*page 2 returned the same items as page 1/);

      const mcp = await connectMcp(built.mcpBin, [], { NUMBERS_BASE_URL: rec.url });
      try {
        const result = await mcp.client.callTool({ name: articles.names.mcpTool, arguments: { per_page: 2, max_items: 10 } });
        expect(result.structuredContent).toMatchObject({ data: ids('a', 1, 2), has_more: true, truncated: true });
      } finally {
        await mcp.close();
      }
    } finally {
      ignorePage = false;
    }
  });
});
