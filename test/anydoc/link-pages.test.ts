/**
 * Lists whose response carries the next page's URL: Azure's `nextLink`
 * (`x-ms-pageable`), OData's `@odata.nextLink`, Django REST Framework's
 * `next` beside `previous` and `results`, HAL's `_links.next.href` (items in
 * `_embedded`) and Twilio's `meta.next_page_url`. They used to be plain
 * responses, so a walk stopped after one page. The client iterates every
 * item, the CLI and the MCP tool walk with the exact requests (the link as it
 * is, a relative one against the request, with the first page's headers and
 * auth), a null, empty or absent link ends the walk, a repeated one stops it,
 * and a link to another origin is refused. A `next` that is a cursor, not a
 * URL, and a link without items stay what they were.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../generator/ir/types.js';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { collectIds, op, recordedApi, tempDir } from './support.js';

const item = { type: 'object', properties: { id: { type: 'string' } } };
const list = { type: 'array', items: item };
const text = { type: 'string', nullable: true };
const json = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const get = (operationId: string, schema: object, extra: object = {}) => ({ get: { operationId, responses: json(schema), ...extra } });
const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line).id as string);
const KEY = 'sekret-key';

/** A new client of the built package, with the API key. */
async function newClient(built: Built, imported: Imported): Promise<Record<string, any>> {
  const { default: Client } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
  return new Client({ [imported.spec.auth[0]!.clientOption]: KEY });
}

function method(client: Record<string, any>, operation: Operation): (params?: object, options?: object) => AsyncIterable<{ id: string }> & PromiseLike<any> {
  const path = operation.names.clientPath;
  const owner = path.slice(0, -1).reduce((o: Record<string, any>, k) => o[k], client);
  return (params, options) => owner[path[path.length - 1]!](params, options);
}

describe('next-link lists', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let foreign = '';
  /** How the widgets server ends its list: `null`, `empty` string, `absent`, a `repeat` of page 2's link, or a `foreign` origin. */
  let mode: 'null' | 'empty' | 'absent' | 'repeat' | 'foreign' = 'null';
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('link-pages', join(tempDir('link-pages'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Links', version: '1' },
      servers: [{ url }],
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
      paths: {
        // Azure: the extension names the link and the items.
        '/widgets': get('listWidgets', { type: 'object', properties: { value: list, nextLink: text } }, {
          'x-ms-pageable': { nextLinkName: 'nextLink' },
          parameters: [{ name: 'filter', in: 'query', schema: { type: 'string' } }, { name: 'x-tenant', in: 'header', schema: { type: 'string' } }, { name: 'top', in: 'query', schema: { type: 'integer' } }],
        }),
        '/regions': get('listRegions', { type: 'object', properties: { value: list, nextLink: text } }, { 'x-ms-pageable': { nextLinkName: null } }),
        // OData, DRF, HAL, Twilio: recognized from the envelope alone.
        '/people': get('listPeople', { type: 'object', properties: { value: list, '@odata.nextLink': { type: 'string' } } }),
        '/orders': get('listOrders', { type: 'object', properties: { count: { type: 'integer' }, next: text, previous: text, results: list } }, { parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }] }),
        '/things': get('listThings', {
          type: 'object',
          properties: {
            _links: { type: 'object', properties: { self: { type: 'object', properties: { href: { type: 'string' } } }, next: { type: 'object', properties: { href: { type: 'string' } } } } },
            _embedded: { type: 'object', properties: { things: list } },
          },
        }),
        '/calls': get('listCalls', {
          type: 'object',
          properties: { calls: list, meta: { type: 'object', properties: { page: { type: 'integer' }, next_page_url: { type: 'string', format: 'uri', nullable: true } } } },
        }),
        // Look-alikes: a `next` cursor (not a URL), a `next` with neither a URL format nor DRF's siblings, a link without items.
        '/batches': get('listBatches', { type: 'object', properties: { data: list, has_more: { type: 'boolean' }, next: { type: 'string' } } }, { parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }] }),
        '/tokens': get('listTokens', { type: 'object', properties: { results: list, next: { type: 'string' } } }),
        '/profile': get('getProfile', { type: 'object', properties: { name: { type: 'string' }, nextLink: { type: 'string' } } }),
        // A POST with a link is walked only when `x-ms-pageable` says so (its links are fetched with GET, no body).
        '/searches': { post: { operationId: 'createSearch', responses: json({ type: 'object', properties: { value: list, nextLink: text } }) } },
        '/queries': { post: { operationId: 'runQuery', 'x-ms-pageable': { nextLinkName: 'nextLink' }, responses: json({ type: 'object', properties: { value: list, nextLink: text } }) } },
      },
    })));
    foreign = rec.url.replace('127.0.0.1', 'localhost');
    rec.reset();
    rec.route('GET', '/widgets', (req) => {
      const token = new URLSearchParams(req.query).get('skiptoken');
      if (!token) return { body: { value: [{ id: 'w1' }, { id: 'w2' }], nextLink: `${mode === 'foreign' ? foreign : rec.url}/widgets?filter=a&skiptoken=2` } };
      // A relative link resolves against the request.
      if (token === '2') return { body: { value: [{ id: 'w3' }], nextLink: mode === 'repeat' ? `${rec.url}/widgets?filter=a&skiptoken=2` : 'widgets?filter=a&skiptoken=3' } };
      const end = mode === 'empty' ? { nextLink: '' } : mode === 'absent' ? {} : { nextLink: null };
      return { body: { value: [{ id: 'w4' }], ...end } };
    });
    rec.route('GET', '/things', (req) =>
      req.query === ''
        ? { body: { _links: { next: { href: '/things?page=2' } }, _embedded: { things: [{ id: 't1' }] } } }
        : { body: { _links: {}, _embedded: { things: [{ id: 't2' }] } } },
    );
    rec.route('GET', '/calls', (req) =>
      req.query === ''
        ? { body: { calls: [{ id: 'c1' }], meta: { page: 0, next_page_url: `${rec.url}/calls?Page=1&PageToken=PA1` } } }
        : { body: { calls: [{ id: 'c2' }], meta: { page: 1, next_page_url: null } } },
    );
  }, 120_000);
  afterAll(async () => rec?.close());

  it('recognizes each next link, honours x-ms-pageable, and leaves cursors and item-less links alone', () => {
    expect(op(imported.spec, 'get', '/widgets').pagination).toMatchObject({ style: 'next_link', requestParam: '', cursorField: 'nextLink', itemsField: 'value' });
    expect(op(imported.spec, 'get', '/regions').pagination).toMatchObject({ style: 'single', itemsField: 'value' });
    expect(op(imported.spec, 'get', '/people').pagination).toMatchObject({ style: 'next_link', cursorField: '@odata.nextLink', itemsField: 'value' });
    expect(op(imported.spec, 'get', '/orders').pagination).toMatchObject({ style: 'next_link', cursorField: 'next', itemsField: 'results' });
    expect(op(imported.spec, 'get', '/things').pagination).toMatchObject({ style: 'next_link', cursorPath: ['_links', 'next', 'href'], itemsField: 'things', itemsPath: ['_embedded', 'things'] });
    expect(op(imported.spec, 'get', '/calls').pagination).toMatchObject({ style: 'next_link', cursorPath: ['meta', 'next_page_url'], itemsField: 'calls' });
    // OpenAI's `next` is a cursor for `after`: still that style, never a link.
    expect(op(imported.spec, 'get', '/batches').pagination).toMatchObject({ style: 'next_cursor', requestParam: 'after', cursorField: 'next' });
    expect(op(imported.spec, 'get', '/tokens').pagination).toBeUndefined();
    expect(op(imported.spec, 'get', '/profile').pagination).toBeUndefined();
    expect(op(imported.spec, 'post', '/searches').pagination).toBeUndefined();
    expect(op(imported.spec, 'post', '/queries').pagination).toMatchObject({ style: 'next_link', cursorField: 'nextLink' });
    // The MCP tool takes a next link back as an argument of its own.
    const tool = buildToolTable(imported.spec).table.calls[op(imported.spec, 'get', '/widgets').names.mcpTool]!;
    expect(tool.page).toMatchObject({ style: 'next_link', requestParam: 'page_url' });
  });

  it('the client requests each link as it is, with the first headers and auth, until the link is null, empty or absent', async () => {
    const widgets = op(imported.spec, 'get', '/widgets');
    const list = method(await newClient(built, imported), widgets);
    const pages = ['/widgets?filter=a&top=2', '/widgets?filter=a&skiptoken=2', '/widgets?filter=a&skiptoken=3'];
    for (const end of ['null', 'empty', 'absent'] as const) {
      mode = end;
      rec.requests.length = 0;
      expect(await collectIds(list({ filter: 'a', top: 2, x_tenant: 't1' }))).toEqual(['w1', 'w2', 'w3', 'w4']);
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      expect(rec.requests.map((r) => [r.headers['x-api-key'], r.headers['x-tenant']])).toEqual(pages.map(() => [KEY, 't1']));
    }
    mode = 'null';
    // The page object: the next URL resolved; no params (the next request is a URL); the pageURL option resumes there.
    const first = await list({ filter: 'a' });
    expect([first.hasNextPage(), first.nextPageURL(), first.nextPageRequestParams()]).toEqual([true, `${rec.url}/widgets?filter=a&skiptoken=2`, null]);
    rec.requests.length = 0;
    expect(await collectIds(list({ filter: 'a' }, { pageURL: first.nextPageURL() }))).toEqual(['w3', 'w4']);
    expect(rec.requests.map((r) => r.url)).toEqual(pages.slice(1));
  });

  it('walks nested links and items (HAL, Twilio)', async () => {
    const client = await newClient(built, imported);
    rec.requests.length = 0;
    expect(await collectIds(method(client, op(imported.spec, 'get', '/things'))())).toEqual(['t1', 't2']);
    expect(await collectIds(method(client, op(imported.spec, 'get', '/calls'))())).toEqual(['c1', 'c2']);
    expect(rec.requests.map((r) => r.url)).toEqual(['/things', '/things?page=2', '/calls', '/calls?Page=1&PageToken=PA1']);
  });

  it('the CLI and the MCP tool walk the same requests; MCP resumes at next_cursor', async () => {
    const widgets = op(imported.spec, 'get', '/widgets');
    const env = { [imported.spec.auth[0]!.envVar]: KEY };
    const pages = ['/widgets?filter=a', '/widgets?filter=a&skiptoken=2', '/widgets?filter=a&skiptoken=3'];
    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--filter', 'a', '--x-tenant', 't1', '--format', 'jsonl'], env);
    expect([cli.code, lines(cli.stdout)], cli.stderr).toEqual([0, ['w1', 'w2', 'w3', 'w4']]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);
    expect(rec.requests.map((r) => r.headers['x-api-key'])).toEqual([KEY, KEY, KEY]);
    rec.requests.length = 0;
    const capped = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--filter', 'a', '--max-items', '2', '--format', 'jsonl'], env);
    expect([capped.code, lines(capped.stdout)]).toEqual([0, ['w1', 'w2']]);
    expect(capped.stderr).toMatch(/stopped after 2 items \(--max-items\)/);
    expect(rec.requests.map((r) => r.url)).toEqual(pages.slice(0, 1));
    // It stopped at the end of a page, so it says how to go on: --page-url with the next link, quoted for the shell.
    const next = `${rec.url}/widgets?filter=a&skiptoken=2`;
    expect(capped.stderr).toContain(`Go on from here with --page-url '${next}', or use --max-items -1 for all.`);
    rec.requests.length = 0;
    const resumed = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--filter', 'a', '--page-url', next, '--format', 'jsonl'], env);
    expect([resumed.code, lines(resumed.stdout)], resumed.stderr).toEqual([0, ['w3', 'w4']]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages.slice(1));
    // Stopped inside a page, a link list cannot go on without skipping: no resume flag is offered.
    const mid = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--filter', 'a', '--max-items', '1', '--format', 'jsonl'], env);
    expect(mid.stderr).toMatch(/more are available\. Use --max-items -1 for all\./);
    // A link to another origin is refused as the client refuses one; a command that is no link list has no --page-url.
    const foreignLink = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--page-url', 'https://elsewhere.example/widgets?skiptoken=2'], env);
    expect(foreignLink.code).toBe(1);
    const batches = op(imported.spec, 'get', '/batches');
    const notLinked = await runBin(built.cliBin, [batches.names.cliGroup, batches.names.cliCommand, '--page-url', next], env);
    expect([notLinked.code, notLinked.stderr]).toEqual([2, expect.stringMatching(/--page-url does not apply: .* is no list paged by next links/)]);

    const mcp = await connectMcp(built.mcpBin, [], { ...env, LINKS_BASE_URL: rec.url });
    try {
      rec.requests.length = 0;
      const all = await mcp.client.callTool({ name: widgets.names.mcpTool, arguments: { filter: 'a' } });
      expect(all.structuredContent).toEqual({ data: ['w1', 'w2', 'w3', 'w4'].map((id) => ({ id })), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: widgets.names.mcpTool, arguments: { filter: 'a', max_items: 2 } });
      const next = `${rec.url}/widgets?filter=a&skiptoken=2`;
      expect(cut.structuredContent).toEqual({ data: [{ id: 'w1' }, { id: 'w2' }], has_more: true, truncated: true, next_cursor: next });
      const rest = await mcp.client.callTool({ name: widgets.names.mcpTool, arguments: { filter: 'a', page_url: next } });
      expect(rest.structuredContent).toEqual({ data: [{ id: 'w3' }, { id: 'w4' }], has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      expect(mcp.client.getInstructions() ?? '').toContain('next-link lists stop at whole pages');
    } finally {
      await mcp.close();
    }
  });

  it('a repeated link stops every walk', async () => {
    const widgets = op(imported.spec, 'get', '/widgets');
    const env = { [imported.spec.auth[0]!.envVar]: KEY };
    mode = 'repeat';
    try {
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const w of method(await newClient(built, imported), widgets)({ filter: 'a' })) seen.push(w.id);
        })(),
      ).rejects.toThrow(/returned the next link ".*skiptoken=2" again/);
      expect(seen).toEqual(['w1', 'w2', 'w3']);

      const cli = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--format', 'jsonl'], env);
      expect([cli.code, lines(cli.stdout)]).toEqual([0, ['w1', 'w2', 'w3']]);
      expect(cli.stderr).toMatch(/warning: the server sent the cursor ".*skiptoken=2" again; stopped after 2 pages/);

      const mcp = await connectMcp(built.mcpBin, [], { ...env, LINKS_BASE_URL: rec.url });
      try {
        const result = await mcp.client.callTool({ name: widgets.names.mcpTool, arguments: {} });
        expect(result.structuredContent).toMatchObject({ data: [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }], has_more: true, truncated: true });
      } finally {
        await mcp.close();
      }
    } finally {
      mode = 'null';
    }
  });

  it('a link to another origin is refused before it is requested, on every surface', async () => {
    const widgets = op(imported.spec, 'get', '/widgets');
    const env = { [imported.spec.auth[0]!.envVar]: KEY };
    const refusal = /refusing to follow the next page link to http:\/\/localhost:\d+: it is not on the base URL's origin/;
    mode = 'foreign';
    try {
      rec.requests.length = 0;
      const client = await newClient(built, imported);
      await expect(collectIds(method(client, widgets)())).rejects.toThrow(refusal);
      // Resuming at such a URL is refused too, with no request.
      expect(() => method(client, widgets)({}, { pageURL: `${foreign}/widgets?skiptoken=2` })).toThrow(refusal);

      const cli = await runBin(built.cliBin, [widgets.names.cliGroup, widgets.names.cliCommand, '--format', 'jsonl'], env);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(refusal);

      const mcp = await connectMcp(built.mcpBin, [], { ...env, LINKS_BASE_URL: rec.url });
      try {
        const result = await mcp.client.callTool({ name: widgets.names.mcpTool, arguments: {} });
        expect(result.isError).toBe(true);
        expect(JSON.stringify(result.content)).toMatch(refusal);
      } finally {
        await mcp.close();
      }
      // Only first pages reached the server: the key never went to the other origin.
      expect(rec.requests.map((r) => r.url)).toEqual(['/widgets', '/widgets', '/widgets']);
    } finally {
      mode = 'null';
    }
  });
});
