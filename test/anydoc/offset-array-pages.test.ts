/**
 * Lists whose response is a bare JSON array paged by an integer offset beside
 * a page size: `offset` and `limit` (dataatwork.org's `/jobs`), .NET's `skip`
 * and `take` (combell.com's `/domains`). They used to be plain responses, so
 * a walk stopped after one page. The offset goes up by the items each page
 * returned; an empty page, or one shorter than the size sent, ends the walk;
 * a server that ignores the offset (the same page again) stops it; a `Link`
 * next, when sent, is followed instead. Awaiting the client method still gives
 * the first page's array; the CLI and the MCP tool walk with the exact
 * requests, and the MCP tool's `next_cursor` is the next offset, which goes
 * back as the offset argument. An offset without a size, a string offset and
 * a POST stay plain.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { clientMethod, collectIds, op, recordedApi, tempDir } from './support.js';
import { get, ids, int, json, lines, list, query } from './counted-lists.js';


type ListCall = AsyncIterable<{ id: string }> & PromiseLike<any> & { firstPage(): PromiseLike<any>; pages(): AsyncIterable<any> };

describe('bare-array offset lists', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  /** How the jobs server answers: by the offset, ignoring it (the first page every time), or with `Link` headers. */
  let mode: 'offset' | 'ignore' | 'link' = 'offset';
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('offset-array-pages', join(tempDir('offset-array-pages'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Offsets', version: '1' },
      servers: [{ url }],
      paths: {
        '/jobs': get('listJobs', [int('offset'), int('limit', { maximum: 100 })], list),
        '/domains': get('listDomains', [int('skip'), int('take', { maximum: 50 })], list),
        // Look-alikes: an offset with no size, a string offset, a POST.
        '/skills': get('listSkills', [int('offset')], list),
        '/notes': get('listNotes', [{ name: 'offset', in: 'query', schema: { type: 'string' } }, int('limit')], list),
        '/searches': { post: { operationId: 'runSearch', parameters: [int('offset'), int('limit')], responses: json(list) } },
      },
    })));
    rec.reset();
    // 5 jobs, `limit` a page (default 2).
    rec.route('GET', '/jobs', (req) => {
      const offset = mode === 'ignore' ? 0 : Number(query(req, 'offset') ?? 0);
      const limit = Number(query(req, 'limit') ?? 2);
      const body = ids('j', offset + 1, Math.max(0, Math.min(limit, 5 - offset)));
      if (mode !== 'link') return { body };
      // A `Link` next whose URL the counting would not produce (`from`): the link wins.
      const next = offset + body.length < 5 ? `</jobs?offset=${offset + body.length}&limit=${limit}&from=link>; rel="next"` : `</jobs?limit=${limit}>; rel="first"`;
      return { body, headers: { link: next } };
    });
    // 3 domains, `take` a page (default 10).
    rec.route('GET', '/domains', (req) => {
      const skip = Number(query(req, 'skip') ?? 0);
      const take = Number(query(req, 'take') ?? 10);
      return { body: ids('d', skip + 1, Math.max(0, Math.min(take, 3 - skip))) };
    });
  }, 120_000);
  afterAll(async () => rec?.close());

  it('recognizes offset + size arrays, skip/take included; look-alikes stay plain', () => {
    expect(op(imported.spec, 'get', '/jobs').pagination).toMatchObject({ style: 'offset', requestParam: 'offset', cursorField: '', itemsField: '', sizeParam: 'limit', linkHeader: true });
    expect(op(imported.spec, 'get', '/domains').pagination).toMatchObject({ style: 'offset', requestParam: 'skip', cursorField: '', itemsField: '', sizeParam: 'take', linkHeader: true });
    expect(op(imported.spec, 'get', '/jobs').pagination).not.toHaveProperty('totalPath');
    for (const [method, path] of [['get', '/skills'], ['get', '/notes'], ['post', '/searches']] as const) {
      expect(op(imported.spec, method, path).pagination, path).toBeUndefined();
    }
    // The MCP tool resumes at an integer offset (or a `Link` URL in `page_url`); `take` sizes its pages.
    const { table } = buildToolTable(imported.spec);
    expect(table.calls[op(imported.spec, 'get', '/jobs').names.mcpTool]!.page).toMatchObject({ style: 'offset', requestParam: 'offset', linkParam: 'page_url', itemsField: '', sizeParam: 'limit', sizeMax: 100 });
    expect(table.calls[op(imported.spec, 'get', '/domains').names.mcpTool]!.page).toMatchObject({ style: 'offset', requestParam: 'skip', sizeParam: 'take', sizeMax: 50 });
  });

  it('the client walks by offset until a short or empty page; awaiting gives the first array', async () => {
    const urls = () => rec.requests.map((r) => r.url);
    const jobs = await clientMethod<ListCall>(built, op(imported.spec, 'get', '/jobs'));
    rec.requests.length = 0;
    expect(await jobs({ limit: 2 })).toEqual(ids('j', 1, 2));
    expect(urls()).toEqual(['/jobs?limit=2']);
    // Full pages, then a short one ends the walk.
    rec.requests.length = 0;
    expect(await collectIds(jobs({ limit: 2 }))).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
    expect(urls()).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2', '/jobs?offset=4&limit=2']);
    // A full last page: the empty page after it ends the walk.
    rec.requests.length = 0;
    expect(await collectIds(jobs({ limit: 5 }))).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
    expect(urls()).toEqual(['/jobs?limit=5', '/jobs?offset=5&limit=5']);
    // A walk that starts at an offset goes on from there.
    rec.requests.length = 0;
    expect(await collectIds(jobs({ offset: 1, limit: 2 }))).toEqual(['j2', 'j3', 'j4', 'j5']);
    expect(urls()).toEqual(['/jobs?offset=1&limit=2', '/jobs?offset=3&limit=2', '/jobs?offset=5&limit=2']);
    // The page object: the next params and cursor, counted.
    const first = await jobs({ limit: 2 }).firstPage();
    expect([first.data, first.hasNextPage(), first.nextPageRequestParams(), first.nextCursor()]).toEqual([ids('j', 1, 2), true, { limit: 2, offset: 2 }, '2']);

    const domains = await clientMethod<ListCall>(built, op(imported.spec, 'get', '/domains'));
    rec.requests.length = 0;
    expect(await collectIds(domains({ take: 2 }))).toEqual(['d1', 'd2', 'd3']);
    const pages: string[][] = [];
    for await (const page of domains({ take: 2 }).pages()) pages.push(page.data.map((d: { id: string }) => d.id));
    expect(pages).toEqual([['d1', 'd2'], ['d3']]);
    expect(urls()).toEqual(['/domains?take=2', '/domains?skip=2&take=2', '/domains?take=2', '/domains?skip=2&take=2']);
  });

  it('a Link next, when sent, is followed instead of the count', async () => {
    mode = 'link';
    try {
      rec.requests.length = 0;
      expect(await collectIds((await clientMethod<ListCall>(built, op(imported.spec, 'get', '/jobs')))({ limit: 2 }))).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
      expect(rec.requests.map((r) => r.url)).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2&from=link', '/jobs?offset=4&limit=2&from=link']);
    } finally {
      mode = 'offset';
    }
  });

  it('the CLI walks the same requests, and --max-items stops at whole pages', async () => {
    const jobs = op(imported.spec, 'get', '/jobs');
    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [jobs.names.cliGroup, jobs.names.cliCommand, '--limit', '2', '--format', 'jsonl'], {});
    expect([cli.code, lines(cli.stdout)], cli.stderr).toEqual([0, ['j1', 'j2', 'j3', 'j4', 'j5']]);
    expect(rec.requests.map((r) => r.url)).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2', '/jobs?offset=4&limit=2']);
    // JSON: the array of every page's items, as the API's own shape.
    const whole = await runBin(built.cliBin, [jobs.names.cliGroup, jobs.names.cliCommand, '--limit', '2', '--format', 'json'], {});
    expect(JSON.parse(whole.stdout)).toEqual(ids('j', 1, 5));
    rec.requests.length = 0;
    const capped = await runBin(built.cliBin, [jobs.names.cliGroup, jobs.names.cliCommand, '--limit', '2', '--max-items', '3', '--format', 'jsonl'], {});
    expect([capped.code, lines(capped.stdout)]).toEqual([0, ['j1', 'j2', 'j3']]);
    expect(capped.stderr).toMatch(/stopped after 3 items \(--max-items\)/);
    expect(rec.requests.map((r) => r.url)).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2']);
    const domains = op(imported.spec, 'get', '/domains');
    rec.requests.length = 0;
    const taken = await runBin(built.cliBin, [domains.names.cliGroup, domains.names.cliCommand, '--take', '2', '--format', 'jsonl'], {});
    expect([taken.code, lines(taken.stdout)], taken.stderr).toEqual([0, ['d1', 'd2', 'd3']]);
    expect(rec.requests.map((r) => r.url)).toEqual(['/domains?take=2', '/domains?skip=2&take=2']);
  });

  it('the MCP tool walks by offset, and next_cursor goes back as the offset argument', async () => {
    const jobs = op(imported.spec, 'get', '/jobs').names.mcpTool;
    const domains = op(imported.spec, 'get', '/domains').names.mcpTool;
    const mcp = await connectMcp(built.mcpBin, [], { [imported.spec.packages.baseURLEnv]: rec.url });
    try {
      rec.requests.length = 0;
      const all = await mcp.client.callTool({ name: jobs, arguments: { limit: 2, max_items: 10 } });
      expect(all.structuredContent).toEqual({ data: ids('j', 1, 5), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2', '/jobs?offset=4&limit=2']);
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: jobs, arguments: { limit: 2, max_items: 2 } });
      expect(cut.structuredContent).toEqual({ data: ids('j', 1, 2), has_more: true, truncated: true, next_cursor: 2 });
      const rest = await mcp.client.callTool({ name: jobs, arguments: { limit: 2, offset: (cut.structuredContent as { next_cursor: number }).next_cursor, max_items: 10 } });
      expect(rest.structuredContent).toEqual({ data: ids('j', 3, 3), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2', '/jobs?offset=4&limit=2']);
      // max_items alone sizes the page (`take` up to its maximum); `take` alone caps the call at one page.
      rec.requests.length = 0;
      const sized = await mcp.client.callTool({ name: domains, arguments: { max_items: 2 } });
      expect(sized.structuredContent).toEqual({ data: ids('d', 1, 2), has_more: true, truncated: true, next_cursor: 2 });
      const taken = await mcp.client.callTool({ name: domains, arguments: { take: 1 } });
      expect(taken.structuredContent).toEqual({ data: ids('d', 1, 1), has_more: true, truncated: true, next_cursor: 1 });
      // From an offset, a full page and then an empty one.
      const skipped = await mcp.client.callTool({ name: domains, arguments: { skip: 1, take: 2, max_items: 10 } });
      expect(skipped.structuredContent).toEqual({ data: ids('d', 2, 2), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/domains?take=2', '/domains?take=1', '/domains?skip=1&take=2', '/domains?skip=3&take=2']);
    } finally {
      await mcp.close();
    }
  });

  it('a server that ignores the offset stops every walk', async () => {
    const jobs = op(imported.spec, 'get', '/jobs');
    mode = 'ignore';
    try {
      rec.requests.length = 0;
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const j of (await clientMethod<ListCall>(built, jobs))({ limit: 2 })) seen.push(j.id);
        })(),
      ).rejects.toThrow(/offset 2 returned the same items as offset 0; the server may not read offset/);
      expect(seen).toEqual(['j1', 'j2']);
      expect(rec.requests.map((r) => r.url)).toEqual(['/jobs?limit=2', '/jobs?offset=2&limit=2']);

      const cli = await runBin(built.cliBin, [jobs.names.cliGroup, jobs.names.cliCommand, '--limit', '2', '--format', 'jsonl'], {});
      expect([cli.code, lines(cli.stdout)]).toEqual([0, ['j1', 'j2']]);
      expect(cli.stderr).toMatch(/warning: .*offset 2 returned the same items as offset 0/);

      const mcp = await connectMcp(built.mcpBin, [], { [imported.spec.packages.baseURLEnv]: rec.url });
      try {
        const result = await mcp.client.callTool({ name: jobs.names.mcpTool, arguments: { limit: 2, max_items: 10 } });
        expect(result.structuredContent).toMatchObject({ data: ids('j', 1, 2), has_more: true, truncated: true });
      } finally {
        await mcp.close();
      }
    } finally {
      mode = 'offset';
    }
  });
});
