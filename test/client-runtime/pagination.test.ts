import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientError, Page, PaginationError } from '../../runtime/client/index.js';
import { APIClient } from '../../runtime/client/index.js';
import type { OperationSpec } from '../../runtime/client/operation.js';
import { startRecorder, type RecordedRequest, type Recorder } from '../support/http-recorder.js';
import { KEY, META, listAdminKeys, listGroups, listModels, listUsers, makeClient, memoryLogger, usageCosts } from './support/fixtures.js';

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

const ids = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: `u_${from + i}`, object: 'user' }));
const param = (req: RecordedRequest, name: string) => new URLSearchParams(req.query).get(name);

/** cursor style: 3 pages of 2, `after` = previous `last_id`. */
function serveCursorPages(withLastID: boolean) {
  rec.setFallback((req) => {
    const after = param(req, 'after');
    const start = after ? Number(after.slice(2)) + 1 : 0;
    const data = ids(2, start);
    const body: Record<string, unknown> = { object: 'list', data, first_id: data[0]!.id, has_more: start < 4 };
    if (withLastID) body['last_id'] = data[1]!.id;
    return { body };
  });
}

describe('cursor styles', () => {
  it('cursor: awaiting gives the first page; for await walks every item in order', async () => {
    serveCursorPages(true);
    const client = makeClient(rec.url);
    const first = await client.requestPage<{ id: string }>(listUsers, { limit: 2 });
    expect(first).toBeInstanceOf(Page);
    expect(first.data.map((u) => u.id)).toEqual(['u_0', 'u_1']);
    expect(first.has_more).toBe(true);
    expect(first.last_id).toBe('u_1');
    expect(first.hasNextPage()).toBe(true);
    expect(first.nextPageRequestParams()).toEqual({ limit: 2, after: 'u_1' });
    expect(rec.requests).toHaveLength(1);

    rec.requests.length = 0;
    const all: string[] = [];
    for await (const u of client.requestPage<{ id: string }>(listUsers, { limit: 2 })) all.push(u.id);
    expect(all).toEqual(['u_0', 'u_1', 'u_2', 'u_3', 'u_4', 'u_5']);
    expect(rec.requests.map((r) => r.url)).toEqual([
      '/organization/users?limit=2',
      '/organization/users?limit=2&after=u_1',
      '/organization/users?limit=2&after=u_3',
    ]);
  });

  it('cursor: without last_id the last item id is the cursor', async () => {
    serveCursorPages(false);
    const client = makeClient(rec.url);
    const all: string[] = [];
    for await (const u of client.requestPage<{ id: string }>(listUsers)) all.push(u.id);
    expect(all).toHaveLength(6);
    expect(param(rec.requests[2]!, 'after')).toBe('u_3');
  });

  it('cursor_before: the same forward walk, `before` passed through', async () => {
    serveCursorPages(true);
    const client = makeClient(rec.url);
    const pages: string[][] = [];
    const first = await client.requestPage<{ id: string }>(listAdminKeys, { limit: 2, before: 'zzz' });
    for await (const page of first.iterPages()) pages.push(page.data.map((x) => x.id));
    expect(pages).toEqual([['u_0', 'u_1'], ['u_2', 'u_3'], ['u_4', 'u_5']]);
    expect(rec.requests[1]!.query).toBe('limit=2&after=u_1&before=zzz');
  });

  it('next_cursor: `after` = response `next`, stops when has_more is false', async () => {
    const script: Record<string, unknown> = {
      '': { data: [{ id: 'g1' }], has_more: true, next: 'c1' },
      c1: { data: [{ id: 'g2' }, { id: 'g3' }], has_more: true, next: 'c2' },
      c2: { data: [{ id: 'g4' }], has_more: false, next: 'c3' },
    };
    rec.route('GET', '/organization/groups', (req) => ({ body: script[param(req, 'after') ?? ''] }));
    const client = makeClient(rec.url);
    const all: string[] = [];
    for await (const g of client.requestPage<{ id: string }>(listGroups)) all.push(g.id);
    expect(all).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(rec.requests.map((r) => r.query)).toEqual(['', 'after=c1', 'after=c2']);
  });

  it('page_token: `page` = response `next_page`; buckets are the items; empty buckets pages do not stop the walk', async () => {
    const bucket = (s: number) => ({ object: 'bucket', start_time: s, end_time: s + 86400, results: [] });
    const script: Record<string, unknown> = {
      '': { object: 'page', data: [bucket(0), bucket(1)], has_more: true, next_page: 'p2' },
      p2: { object: 'page', data: [], has_more: true, next_page: 'p3' },
      p3: { object: 'page', data: [bucket(2)], has_more: false, next_page: null },
    };
    rec.route('GET', '/organization/costs', (req) => ({ body: script[param(req, 'page') ?? ''] }));
    const client = makeClient(rec.url);
    const starts: number[] = [];
    for await (const b of client.requestPage<{ start_time: number }>(usageCosts, { limit: 2 })) starts.push(b.start_time);
    expect(starts).toEqual([0, 1, 2]);
    expect(rec.requests.map((r) => r.query)).toEqual(['limit=2', 'limit=2&page=p2', 'limit=2&page=p3']);
  });

  it('single: one request, the page carries the body, iteration yields its items and ends (even if has_more says true)', async () => {
    rec.setFallback(() => ({ body: { object: 'list', data: ids(3, 0), has_more: true } }));
    const client = makeClient(rec.url);
    const page = await client.requestPage<{ id: string }>(listModels);
    expect(page).toBeInstanceOf(Page);
    expect(page.object).toBe('list');
    expect(page.data.map((m) => m.id)).toEqual(['u_0', 'u_1', 'u_2']);
    expect(page.hasNextPage()).toBe(false);
    expect(page.nextPageRequestParams()).toBeNull();
    const all: string[] = [];
    for await (const m of client.requestPage<{ id: string }>(listModels)) all.push(m.id);
    expect(all).toEqual(['u_0', 'u_1', 'u_2']);
    expect(rec.requests.map((r) => r.url)).toEqual(['/models', '/models']);
  });

  it('getNextPage walks by hand and throws when there is no next page', async () => {
    rec.enqueue(
      { body: { data: [{ id: 'a' }], has_more: true, next_page: 'n1' } },
      { body: { data: [{ id: 'b' }], has_more: false, next_page: 'n2' } },
    );
    const client = makeClient(rec.url);
    const p1 = await client.requestPage<{ id: string }>(usageCosts);
    const p2 = await p1.getNextPage();
    expect(p2.data).toEqual([{ id: 'b' }]);
    expect(p2.hasNextPage()).toBe(false);
    expect(p2.nextPageRequestParams()).toBeNull();
    await expect(p2.getNextPage()).rejects.toThrow(ClientError);
  });
});

describe('safety', () => {
  it('a repeated cursor throws PaginationError instead of looping', async () => {
    rec.route('GET', '/organization/groups', (req) => ({
      body: { data: [{ id: 'x' }], has_more: true, next: param(req, 'after') === 'c1' ? 'c2' : 'c1' },
    }));
    const client = makeClient(rec.url);
    const seen: string[] = [];
    const walk = async () => {
      for await (const g of client.requestPage<{ id: string }>(listGroups)) seen.push(g.id);
    };
    await expect(walk()).rejects.toThrow(PaginationError);
    await expect(walk()).rejects.toThrow(/cursor "c1" again/);
    // first page (no cursor), c1, c2, then c1 again is refused before being requested.
    expect(rec.requests.map((r) => r.query).slice(0, 3)).toEqual(['', 'after=c1', 'after=c2']);
    expect(rec.requests).toHaveLength(6);
  });

  it('a first-page cursor that comes back is also refused', async () => {
    rec.route('GET', '/organization/users', () => ({ body: { data: [{ id: 'u_9' }], has_more: true, last_id: 'start' } }));
    const page = await makeClient(rec.url).requestPage(listUsers, { after: 'start' });
    await expect(page.getNextPage()).rejects.toThrow(PaginationError);
  });

  it('calling getNextPage twice on the same page is fine (no false repeat)', async () => {
    rec.route('GET', '/organization/groups', (req) => ({
      body: { data: [{ id: param(req, 'after') ?? 'first' }], has_more: true, next: `${param(req, 'after') ?? ''}n` },
    }));
    const page = await makeClient(rec.url).requestPage<{ id: string }>(listGroups);
    const a = await page.getNextPage();
    const b = await page.getNextPage();
    expect(a.data).toEqual(b.data);
  });

  it('has_more true without a cursor stops and warns (never silently)', async () => {
    rec.enqueue({ body: { data: [], has_more: true } });
    const logger = memoryLogger();
    const client = makeClient(rec.url, { logger });
    const items: unknown[] = [];
    for await (const x of client.requestPage(listGroups)) items.push(x);
    expect(items).toEqual([]);
    expect(logger.lines.some((l) => l.startsWith('warn admin.organization.groups.list: has_more is true but the response has no cursor'))).toBe(true);
  });

  it('requestPage on an unpaginated op is an error', () => {
    const { pagination: _p, ...plain } = listUsers;
    expect(() => makeClient(rec.url).requestPage(plain)).toThrow(/not paginated/);
    expect(rec.requests).toHaveLength(0);
  });
});

describe('request options on later pages', () => {
  // A list read by POST (search endpoints in other APIs): body and Idempotency-Key travel with every page.
  const searchUsers: typeof listUsers = {
    ...listUsers,
    key: 'admin.organization.users.search',
    method: 'post',
    path: '/organization/users/search',
    body: { contentType: 'application/json', fields: { role: 'role' } },
  };

  it('a POST list sends the body option, merged over its own, and the idempotency key on every page', async () => {
    serveCursorPages(true);
    const client = makeClient(rec.url);
    const all: unknown[] = [];
    for await (const u of client.requestPage(searchUsers, { role: 'owner', limit: 2 }, { body: { extra: 1 }, idempotencyKey: 'walk-1', headers: { 'x-walk': 'yes' } })) all.push(u);
    expect(all).toHaveLength(6);
    expect(rec.requests.map((r) => [r.method, r.url, r.json(), r.headers['idempotency-key'], r.headers['x-walk']])).toEqual([
      ['POST', '/organization/users/search?limit=2', { role: 'owner', extra: 1 }, 'walk-1', 'yes'],
      ['POST', '/organization/users/search?limit=2&after=u_1', { role: 'owner', extra: 1 }, 'walk-1', 'yes'],
      ['POST', '/organization/users/search?limit=2&after=u_3', { role: 'owner', extra: 1 }, 'walk-1', 'yes'],
    ]);
  });

  it('a raw body option is sent as it is, on every page', async () => {
    serveCursorPages(true);
    const client = makeClient(rec.url);
    const page = await client.requestPage(searchUsers, { limit: 2 }, { body: new URLSearchParams({ q: 'a b' }), path: '/search' });
    await page.getNextPage();
    expect(rec.requests.map((r) => [r.url, r.headers['content-type'], r.body])).toEqual([
      ['/search?limit=2', 'application/x-www-form-urlencoded;charset=UTF-8', 'q=a+b'],
      ['/search?limit=2&after=u_1', 'application/x-www-form-urlencoded;charset=UTF-8', 'q=a+b'],
    ]);
  });
});

describe('next links, page numbers and offsets', () => {
  const form = (wire: string) => ({ wire, style: 'form' as const, explode: true });
  const listLinks: OperationSpec = {
    key: 'links.list',
    method: 'get',
    path: '/links',
    pathParams: [],
    query: { filter: form('filter') },
    pagination: { style: 'next_link', requestParam: '', cursorField: 'meta', cursorPath: ['meta', 'next'], itemsField: 'value' },
    auth: true,
  };
  const listPages: OperationSpec = {
    key: 'pages.list',
    method: 'get',
    path: '/pages',
    pathParams: [],
    query: { page: form('page'), size: form('size') },
    pagination: { style: 'page_number', requestParam: 'page', cursorField: '', itemsField: 'content', firstPage: 0, totalPath: ['totalPages'], sizeParam: 'size' },
    auth: true,
  };

  it('a link goes as it is: no query param, default query or query option again; a query-borne key only when missing', async () => {
    rec.route('GET', '/links', (req) => {
      const page = param(req, 'p');
      const next = page === null ? `${rec.url}/links?p=2` : page === '2' ? `/links?p=3&key=${KEY}` : null;
      return { body: { value: [{ id: `l${page ?? 1}` }], meta: { next } } };
    });
    const client = new APIClient({ apiKey: KEY, baseURL: rec.url, defaultQuery: { v: '1' } }, { ...META, auth: { kind: 'apiKeyQuery', name: 'key' } });
    const all: string[] = [];
    for await (const x of client.requestPage<{ id: string }>(listLinks, { filter: 'a' }, { query: { extra: 'x' } })) all.push(x.id);
    expect(all).toEqual(['l1', 'l2', 'l3']);
    expect(rec.requests.map((r) => r.url)).toEqual([
      `/links?filter=a&v=1&extra=x&key=${KEY}`,
      `/links?p=2&key=${KEY}`,
      `/links?p=3&key=${KEY}`,
    ]);
    // A link the server wrote the key into is handed out without it (MCP's next_cursor, the CLI's output).
    const second = await (await client.requestPage<{ id: string }>(listLinks, {})).getNextPage();
    expect(second.nextPageURL()).toBe(`${rec.url}/links?p=3`);
  });

  it('a link keeps its own query: an undeclared param is not added again, a fixed one (api-version) only when the link lacks it', async () => {
    const versioned: OperationSpec = {
      ...listLinks,
      query: { filter: form('filter'), apiVersion: form('api-version') },
      headers: { tenant: 'x-tenant' },
      fixed: { apiVersion: '2024-01-01', tenant: 't1' },
    };
    rec.route('GET', '/links', (req) => {
      const page = param(req, 'p');
      const next = page === null ? `${rec.url}/links?api-version=2024-01-01&p=2` : page === '2' ? '/links?p=3' : null;
      return { body: { value: [{ id: `l${page ?? 1}` }], meta: { next } } };
    });
    const all: string[] = [];
    for await (const x of makeClient(rec.url).requestPage<{ id: string }>(versioned, { filter: 'a', extra: 'x' })) all.push(x.id);
    expect(all).toEqual(['l1', 'l2', 'l3']);
    expect(rec.requests.map((r) => r.url)).toEqual([
      '/links?filter=a&api-version=2024-01-01&extra=x',
      '/links?api-version=2024-01-01&p=2',
      '/links?p=3&api-version=2024-01-01',
    ]);
    // Fixed headers still go with the link.
    expect(rec.requests.map((r) => r.headers['x-tenant'])).toEqual(['t1', 't1', 't1']);
  });

  it("a POST list's next link is fetched with GET and no body (Azure's next-link verb), header params and auth kept", async () => {
    const queryLinks: OperationSpec = {
      ...listLinks,
      key: 'links.query',
      method: 'post',
      headers: { tenant: 'x-tenant' },
      body: { contentType: 'application/json', fields: { filter: 'filter' } },
      query: undefined,
    };
    rec.route('POST', '/links', () => ({ body: { value: [{ id: 'l1' }], meta: { next: `${rec.url}/links?skip=1` } } }));
    rec.route('GET', '/links', () => ({ body: { value: [{ id: 'l2' }], meta: { next: null } } }));
    const all: string[] = [];
    const client = makeClient(rec.url);
    for await (const x of client.requestPage<{ id: string }>(queryLinks, { filter: 'a', tenant: 't1' }, { body: { extra: 1 }, idempotencyKey: 'k1' })) all.push(x.id);
    expect(all).toEqual(['l1', 'l2']);
    expect(rec.requests.map((r) => [r.method, r.url, r.body, r.headers['content-type'], r.headers['idempotency-key'], r.headers['x-tenant'], r.headers.authorization])).toEqual([
      ['POST', '/links', JSON.stringify({ filter: 'a', extra: 1 }), 'application/json', 'k1', 't1', `Bearer ${KEY}`],
      ['GET', '/links?skip=1', '', undefined, undefined, 't1', `Bearer ${KEY}`],
    ]);
  });

  it('a link on another scheme or port of the same host is refused as another origin', async () => {
    const https = rec.url.replace('http:', 'https:');
    for (const next of [`${https}/links?p=2`, `${rec.url.replace(/:\d+$/, ':1')}/links?p=2`]) {
      rec.reset();
      rec.route('GET', '/links', () => ({ body: { value: [{ id: 'l1' }], meta: { next } } }));
      const page = await makeClient(rec.url).requestPage<{ id: string }>(listLinks);
      expect(page.hasNextPage()).toBe(true);
      await expect(page.getNextPage()).rejects.toThrow(/refusing to follow the next page link to (https|http):\/\/127\.0\.0\.1:\d+/);
      expect(rec.requests).toHaveLength(1);
    }
  });

  it('page numbers from 0 stop at the page count; a short page without a count ends an offset walk', async () => {
    rec.route('GET', '/pages', (req) => ({ body: { content: [{ id: `p${param(req, 'page') ?? 0}` }], totalPages: 3 } }));
    const all: string[] = [];
    for await (const x of makeClient(rec.url).requestPage<{ id: string }>(listPages)) all.push(x.id);
    expect(all).toEqual(['p0', 'p1', 'p2']);
    expect(rec.requests.map((r) => r.url)).toEqual(['/pages', '/pages?page=1', '/pages?page=2']);

    rec.reset();
    const listOffsets: OperationSpec = { ...listPages, key: 'offsets.list', path: '/offsets', query: { offset: form('offset'), limit: form('limit') }, pagination: { style: 'offset', requestParam: 'offset', cursorField: '', itemsField: 'data', sizeParam: 'limit' } };
    rec.route('GET', '/offsets', (req) => {
      const at = Number(param(req, 'offset') ?? 0);
      return { body: { data: at < 4 ? [{ id: `o${at}` }, { id: `o${at + 1}` }] : [{ id: 'o4' }] } };
    });
    const page = await makeClient(rec.url).requestPage<{ id: string }>(listOffsets, { limit: 2 });
    expect(page.nextPageRequestParams()).toEqual({ limit: 2, offset: 2 });
    let n = 0;
    for await (const _ of page) n++;
    expect(n).toBe(5);
    expect(rec.requests.map((r) => r.url)).toEqual(['/offsets?limit=2', '/offsets?offset=2&limit=2', '/offsets?offset=4&limit=2']);
  });
});
