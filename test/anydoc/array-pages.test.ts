/**
 * Lists whose response is a bare JSON array (GitHub, GitLab, Sentry): paged
 * by the RFC 8288 `Link` response header (GitHub's issues, which declare it,
 * with absolute URLs), or by a `page` number beside a `per_page` size (no
 * `Link`). They used to be plain responses, so a walk stopped after one page.
 * Awaiting the client method still gives the first page's array, typed as
 * before; iterating walks every item, `.pages()` every page; the CLI and the
 * MCP tool walk with the exact requests. A `Link` without `next` ends the
 * walk, so does an empty or short page; a repeated link stops it, a link to
 * another origin is refused, and arrays with neither a `Link` header nor a
 * page param, and a POST, stay plain.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../generator/ir/types.js';
import type { Recorder, RecordedRequest } from '../support/http-recorder.js';
import { connectMcp, runBin, typecheckClients, type Built, type Imported } from '../support/pipeline.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import { collectIds, op, recordedApi, tempDir } from './support.js';
import { lintToolTable } from '../mcp/lint.js';

const int = (name: string, extra: object = {}) => ({ name, in: 'query', schema: { type: 'integer', ...extra } });
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const arrayOf = (items: object) => ({ type: 'array', items });
const tag = { type: 'object', properties: { id: { type: 'string' } } };
const ok = (schema: object, headers?: object) => ({ '200': { description: 'ok', ...(headers ? { headers } : {}), content: { 'application/json': { schema } } } });
const LINK = { Link: { $ref: '#/components/headers/link' } };
const query = (req: RecordedRequest, name: string) => new URLSearchParams(req.query).get(name);
const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line).id as unknown);

type ListMethod = (...args: unknown[]) => AsyncIterable<{ id: unknown }> & PromiseLike<any> & { pages(): AsyncIterable<any> };

async function newClient(built: Built): Promise<Record<string, any>> {
  const { default: Client } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
  return new Client();
}

function method(client: Record<string, any>, operation: Operation): ListMethod {
  const names = operation.names.clientPath;
  const owner = names.slice(0, -1).reduce((o: Record<string, any>, k) => o[k], client);
  return (...args) => owner[names[names.length - 1]!](...args);
}

describe('bare-array lists', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  let foreign = '';
  /** How the issues server links its pages: GitHub's absolute links, a `repeat` of page 2's, a `foreign` origin, or `none` (no Link header). */
  let mode: 'github' | 'repeat' | 'foreign' | 'none' = 'github';
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('array-pages', join(tempDir('array-pages'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Arrays', version: '1' },
      servers: [{ url }],
      components: {
        headers: { link: { schema: { type: 'string' } } },
        schemas: { Issue: { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, title: { type: 'string' } } } },
      },
      paths: {
        // GitHub: an array of issues, `per_page` and `page`, and the `Link` header declared by ref.
        '/repos/{owner}/{repo}/issues': {
          get: {
            operationId: 'issues/list-for-repo',
            parameters: [path('owner'), path('repo'), { name: 'state', in: 'query', schema: { type: 'string' } }, int('per_page', { default: 30, maximum: 100 }), int('page', { default: 1 })],
            responses: ok(arrayOf({ $ref: '#/components/schemas/Issue' }), LINK),
          },
        },
        // A `Link` header (lower-case) and no page param: the header alone pages it.
        '/events': { get: { operationId: 'listEvents', responses: ok(arrayOf(tag), { link: { schema: { type: 'string' } } }) } },
        // No `Link` header: `page` beside `per_page`, until an empty or short page.
        '/tags': { get: { operationId: 'listTags', parameters: [int('page'), int('per_page')], responses: ok(arrayOf(tag)) } },
        // An envelope with no paging of its own that declares `Link`; a page-number envelope that declares it.
        '/projects': { get: { operationId: 'listProjects', responses: ok({ type: 'object', properties: { projects: arrayOf(tag) } }, LINK) } },
        '/members': { get: { operationId: 'listMembers', parameters: [int('page'), int('per_page')], responses: ok({ type: 'object', properties: { data: arrayOf(tag) } }, LINK) } },
        // Look-alikes: an array with neither a Link header nor a page param, a page param without a size, a POST.
        '/labels': { get: { operationId: 'listLabels', parameters: [int('per_page')], responses: ok(arrayOf(tag)) } },
        '/stars': { get: { operationId: 'listStars', parameters: [int('page')], responses: ok(arrayOf(tag)) } },
        '/searches': { post: { operationId: 'runSearch', parameters: [int('page'), int('per_page')], responses: ok(arrayOf(tag), LINK) } },
      },
    })));
    foreign = rec.url.replace('127.0.0.1', 'localhost');
    rec.reset();
    // 5 issues; GitHub links every page but the last to the next (`/repositories/42/…`, absolute), with rels and a title.
    rec.route('GET', /^\/(repos\/o\/r|repositories\/42)\/issues$/, (req) => {
      const page = Number(query(req, 'page') ?? 1);
      const size = Number(query(req, 'per_page') ?? 30);
      const body = Array.from({ length: Math.max(0, Math.min(size, 5 - (page - 1) * size)) }, (_, i) => ({ id: (page - 1) * size + i + 1, title: `t${(page - 1) * size + i + 1}` }));
      const last = Math.ceil(5 / size);
      const at = (n: number) => `<${mode === 'foreign' ? foreign : rec.url}/repositories/42/issues?state=${query(req, 'state')}&per_page=${size}&page=${n}>`;
      const links = [
        ...(page > 1 ? [`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`] : []),
        // On page 2, one link is both next and last, and a quoted title holds a comma and a semicolon.
        ...(page < last ? [`${at(mode === 'repeat' && page === 2 ? 2 : page + 1)}; rel="${page + 1 === last ? 'next last' : 'next'}"; title="page, the; next"`] : []),
        ...(page + 1 < last ? [`${at(last)}; rel=last`] : []),
      ];
      const headers: Record<string, string> = mode === 'none' || links.length === 0 ? {} : { link: links.join(', ') };
      return { body, headers };
    });
    // Relative links, resolved against the request; the last page has a `prev` only.
    rec.route('GET', '/events', (req) =>
      query(req, 'after') === null
        ? { body: [{ id: 'e1' }, { id: 'e2' }], headers: { Link: '</events?after=e2>; rel="next"' } }
        : { body: [{ id: 'e3' }], headers: { Link: '</events>; rel="prev"' } },
    );
    // 4 tags, no Link header: full pages, then an empty one (or a short one with 3 a page).
    rec.route('GET', '/tags', (req) => {
      const page = Number(query(req, 'page') ?? 1);
      const size = Number(query(req, 'per_page') ?? 2);
      return { body: Array.from({ length: Math.max(0, Math.min(size, 4 - (page - 1) * size)) }, (_, i) => ({ id: `g${(page - 1) * size + i + 1}` })) };
    });
    // Its Link goes to a cursor, not the next page number: the link wins over counting.
    rec.route('GET', '/members', (req) =>
      req.query === 'per_page=1'
        ? { body: { data: [{ id: 'm1' }] }, headers: { link: '</members?cursor=x&per_page=1>; rel="next"' } }
        : { body: { data: [{ id: 'm2' }] }, headers: { link: '</members?per_page=1>; rel="first"' } },
    );
    rec.route('GET', '/projects', (req) =>
      req.query === '' ? { body: { projects: [{ id: 'p1' }] }, headers: { link: `<${rec.url}/projects?page=2>; rel="next"` } } : { body: { projects: [{ id: 'p2' }] } },
    );
  }, 120_000);
  afterAll(async () => rec?.close());

  it('recognizes arrays paged by a Link header or a page number, and leaves look-alikes plain', () => {
    expect(op(imported.spec, 'get', '/repos/{owner}/{repo}/issues').pagination).toMatchObject({ style: 'page_number', requestParam: 'page', itemsField: '', firstPage: 1, sizeParam: 'per_page', linkHeader: true });
    expect(op(imported.spec, 'get', '/events').pagination).toMatchObject({ style: 'next_link', requestParam: '', cursorField: '', itemsField: '', linkHeader: true });
    expect(op(imported.spec, 'get', '/tags').pagination).toMatchObject({ style: 'page_number', requestParam: 'page', itemsField: '', sizeParam: 'per_page', linkHeader: true });
    expect(op(imported.spec, 'get', '/projects').pagination).toMatchObject({ style: 'next_link', cursorField: '', itemsField: 'projects', linkHeader: true });
    expect(op(imported.spec, 'get', '/members').pagination).toMatchObject({ style: 'page_number', requestParam: 'page', itemsField: 'data', linkHeader: true });
    for (const [verb, at] of [['get', '/labels'], ['get', '/stars'], ['post', '/searches']] as const) {
      expect(op(imported.spec, verb, at).pagination, `${verb} ${at}`).toBeUndefined();
    }
    // The MCP tool resumes at a URL in `page_url`, at a number in `page`.
    const { table } = buildToolTable(imported.spec);
    expect(table.calls[op(imported.spec, 'get', '/repos/{owner}/{repo}/issues').names.mcpTool]!.page).toMatchObject({ style: 'page_number', requestParam: 'page', linkParam: 'page_url', itemsField: '' });
    expect(table.calls[op(imported.spec, 'get', '/events').names.mcpTool]!.page).toMatchObject({ style: 'next_link', requestParam: 'page_url' });
    // Its next_cursor is a number or a URL: an anyOf, since strict validators refuse `type: [integer, string, null]`.
    const issuesTool = table.tools.find((t) => t.name === op(imported.spec, 'get', '/repos/{owner}/{repo}/issues').names.mcpTool)!;
    expect(issuesTool.outputSchema?.properties?.next_cursor).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] });
    expect(lintToolTable(table)).toEqual([]);
  });

  it('awaiting still gives the array, typed as the response; the promise iterates items and pages (type-checked)', () => {
    const issues = op(imported.spec, 'get', '/repos/{owner}/{repo}/issues');
    const chain = ['client', ...issues.names.clientPath].join('.');
    const client = join(built.dir, 'client');
    writeFileSync(
      join(client, 'src', 'array-pages-check.ts'),
      [
        "import type Client from './index.js';",
        "import type { APIPromise } from './core/api-promise.js';",
        "import type { Page } from './core/pagination.js';",
        'declare const client: Client;',
        'type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
        'type Issue = { id: number; title?: string };',
        `const call = ${chain}('r', { owner: 'o' });`,
        // What existing code holds: an APIPromise of the array.
        'export const asBefore: APIPromise<Issue[]> = call;',
        'export const sameArray: Same<Awaited<typeof call>, Issue[]> = true;',
        'export async function walk(): Promise<number> {',
        '  let sum = 0;',
        '  for await (const issue of call) sum += issue.id;',
        '  for await (const page of call.pages()) { const p: Page<Issue> = page; sum += p.data.length + (p.nextPageURL() ?? "").length; }',
        '  return sum;',
        '}',
        '',
      ].join('\n'),
    );
    expect(typecheckClients([client]).get(client)).toEqual([]);
  });

  it('the client follows the Link header: await gives the first page, for await every item with the exact requests', async () => {
    const list = method(await newClient(built), op(imported.spec, 'get', '/repos/{owner}/{repo}/issues'));
    rec.requests.length = 0;
    const first = await list('r', { owner: 'o', state: 'open', per_page: 2 });
    expect(Array.isArray(first)).toBe(true);
    expect(first).toEqual([{ id: 1, title: 't1' }, { id: 2, title: 't2' }]);
    expect(rec.requests.map((r) => r.url)).toEqual(['/repos/o/r/issues?state=open&per_page=2']);

    const pages = ['/repos/o/r/issues?state=open&per_page=2', '/repositories/42/issues?state=open&per_page=2&page=2', '/repositories/42/issues?state=open&per_page=2&page=3'];
    rec.requests.length = 0;
    expect(await collectIds(list('r', { owner: 'o', state: 'open', per_page: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);

    // `.pages()`: each page's array and response; the last has no next.
    rec.requests.length = 0;
    const seen: Array<[number[], string | null, string | null]> = [];
    for await (const page of list('r', { owner: 'o', state: 'open', per_page: 2 }).pages()) {
      seen.push([page.data.map((i: { id: number }) => i.id), page.nextPageURL(), page.response.headers.get('link') === null ? null : 'link']);
    }
    expect(seen).toEqual([
      [[1, 2], `${rec.url}${pages[1]}`, 'link'],
      [[3, 4], `${rec.url}${pages[2]}`, 'link'],
      [[5], null, 'link'],
    ]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);

    // The pageURL option resumes at a page URL an earlier walk kept.
    rec.requests.length = 0;
    expect(await collectIds(list('r', { owner: 'o' }, { pageURL: `${rec.url}${pages[2]}` }))).toEqual([5]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages.slice(2));
  });

  it('relative links, envelopes that declare Link, and page numbers without Link', async () => {
    const client = await newClient(built);
    rec.requests.length = 0;
    expect(await collectIds(method(client, op(imported.spec, 'get', '/events'))())).toEqual(['e1', 'e2', 'e3']);
    expect(await collectIds(method(client, op(imported.spec, 'get', '/projects'))())).toEqual(['p1', 'p2']);
    expect(await collectIds(method(client, op(imported.spec, 'get', '/members'))({ per_page: 1 }))).toEqual(['m1', 'm2']);
    expect(rec.requests.map((r) => r.url)).toEqual(['/events', '/events?after=e2', '/projects', '/projects?page=2', '/members?per_page=1', '/members?cursor=x&per_page=1']);

    const tags = method(client, op(imported.spec, 'get', '/tags'));
    rec.requests.length = 0;
    // Full pages, then an empty one ends it; with 3 a page, a short page ends it.
    expect(await collectIds(tags({ per_page: 2 }))).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(await collectIds(tags({ per_page: 3 }))).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(rec.requests.map((r) => r.url)).toEqual(['/tags?per_page=2', '/tags?page=2&per_page=2', '/tags?page=3&per_page=2', '/tags?per_page=3', '/tags?page=2&per_page=3']);

    // GitHub's list without its Link header goes on by `page` too.
    mode = 'none';
    try {
      rec.requests.length = 0;
      expect(await collectIds(method(client, op(imported.spec, 'get', '/repos/{owner}/{repo}/issues'))('r', { owner: 'o', state: 'all', per_page: 2 }))).toEqual([1, 2, 3, 4, 5]);
      expect(rec.requests.map((r) => r.url)).toEqual(['/repos/o/r/issues?state=all&per_page=2', '/repos/o/r/issues?state=all&per_page=2&page=2', '/repos/o/r/issues?state=all&per_page=2&page=3']);
    } finally {
      mode = 'github';
    }
  });

  it('the CLI and the MCP tool walk the same requests; MCP resumes at next_cursor', async () => {
    const issues = op(imported.spec, 'get', '/repos/{owner}/{repo}/issues');
    const args = [issues.names.cliGroup, issues.names.cliCommand, '--owner', 'o', '--repo', 'r', '--state', 'open', '--per-page', '2'];
    const pages = ['/repos/o/r/issues?state=open&per_page=2', '/repositories/42/issues?state=open&per_page=2&page=2', '/repositories/42/issues?state=open&per_page=2&page=3'];
    const env = { [imported.spec.packages.baseURLEnv]: rec.url };
    rec.requests.length = 0;
    const cli = await runBin(built.cliBin, [...args, '--format', 'jsonl'], env);
    expect([cli.code, lines(cli.stdout)], cli.stderr).toEqual([0, [1, 2, 3, 4, 5]]);
    expect(rec.requests.map((r) => r.url)).toEqual(pages);
    // JSON: the array of every page's items, as the API's own shape.
    const json = await runBin(built.cliBin, [...args, '--format', 'json'], env);
    expect(JSON.parse(json.stdout)).toEqual([1, 2, 3, 4, 5].map((id) => ({ id, title: `t${id}` })));
    rec.requests.length = 0;
    const capped = await runBin(built.cliBin, [...args, '--max-items', '3', '--format', 'jsonl'], env);
    expect([capped.code, lines(capped.stdout)]).toEqual([0, [1, 2, 3]]);
    expect(capped.stderr).toMatch(/stopped after 3 items \(--max-items\)/);
    expect(rec.requests.map((r) => r.url)).toEqual(pages.slice(0, 2));
    rec.requests.length = 0;
    const tags = op(imported.spec, 'get', '/tags');
    const counted = await runBin(built.cliBin, [tags.names.cliGroup, tags.names.cliCommand, '--per-page', '3', '--format', 'jsonl'], env);
    expect([counted.code, lines(counted.stdout)]).toEqual([0, ['g1', 'g2', 'g3', 'g4']]);
    expect(rec.requests.map((r) => r.url)).toEqual(['/tags?per_page=3', '/tags?page=2&per_page=3']);

    const mcp = await connectMcp(built.mcpBin, [], env);
    try {
      const tool = issues.names.mcpTool;
      // `max_items` beside `per_page`: a size alone would cap the call at one page.
      const base = { owner: 'o', repo: 'r', state: 'open', per_page: 2, max_items: 10 };
      rec.requests.length = 0;
      const all = await mcp.client.callTool({ name: tool, arguments: base });
      expect(all.structuredContent).toEqual({ data: [1, 2, 3, 4, 5].map((id) => ({ id, title: `t${id}` })), has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      rec.requests.length = 0;
      const cut = await mcp.client.callTool({ name: tool, arguments: { ...base, max_items: 2 } });
      expect(cut.structuredContent).toEqual({ data: [{ id: 1, title: 't1' }, { id: 2, title: 't2' }], has_more: true, truncated: true, next_cursor: `${rec.url}${pages[1]}` });
      const rest = await mcp.client.callTool({ name: tool, arguments: { ...base, page_url: `${rec.url}${pages[1]}` } });
      expect(rest.structuredContent).toMatchObject({ data: [3, 4, 5].map((id) => ({ id, title: `t${id}` })), has_more: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(pages);
      // Without Link headers the cursor is the next page's number, passed back as `page`.
      rec.requests.length = 0;
      const tagTool = tags.names.mcpTool;
      const tagCut = await mcp.client.callTool({ name: tagTool, arguments: { per_page: 2, max_items: 2 } });
      expect(tagCut.structuredContent).toEqual({ data: [{ id: 'g1' }, { id: 'g2' }], has_more: true, truncated: true, next_cursor: 2 });
      const tagRest = await mcp.client.callTool({ name: tagTool, arguments: { per_page: 2, page: 2, max_items: 10 } });
      expect(tagRest.structuredContent).toEqual({ data: [{ id: 'g3' }, { id: 'g4' }], has_more: false, truncated: false, next_cursor: null });
      expect(rec.requests.map((r) => r.url)).toEqual(['/tags?per_page=2', '/tags?page=2&per_page=2', '/tags?page=3&per_page=2']);
    } finally {
      await mcp.close();
    }
  });

  it('a repeated link stops every walk', async () => {
    const issues = op(imported.spec, 'get', '/repos/{owner}/{repo}/issues');
    const env = { [imported.spec.packages.baseURLEnv]: rec.url };
    mode = 'repeat';
    try {
      const seen: unknown[] = [];
      await expect(
        (async () => {
          for await (const i of method(await newClient(built), issues)('r', { owner: 'o', state: 'open', per_page: 2 })) seen.push(i.id);
        })(),
      ).rejects.toThrow(/returned the next link ".*page=2" again/);
      expect(seen).toEqual([1, 2, 3, 4]);

      const cli = await runBin(built.cliBin, [issues.names.cliGroup, issues.names.cliCommand, '--owner', 'o', '--repo', 'r', '--state', 'open', '--per-page', '2', '--format', 'jsonl'], env);
      expect([cli.code, lines(cli.stdout)]).toEqual([0, [1, 2, 3, 4]]);
      expect(cli.stderr).toMatch(/warning: the server sent the cursor ".*page=2" again; stopped after 2 pages with the 4 items received/);

      const mcp = await connectMcp(built.mcpBin, [], env);
      try {
        const result = await mcp.client.callTool({ name: issues.names.mcpTool, arguments: { owner: 'o', repo: 'r', state: 'open', per_page: 2, max_items: 10 } });
        expect(result.structuredContent).toMatchObject({ data: [1, 2, 3, 4].map((id) => ({ id, title: `t${id}` })), has_more: true, truncated: true });
      } finally {
        await mcp.close();
      }
    } finally {
      mode = 'github';
    }
  });

  it('a link to another origin is refused before it is requested, on every surface', async () => {
    const issues = op(imported.spec, 'get', '/repos/{owner}/{repo}/issues');
    const env = { [imported.spec.packages.baseURLEnv]: rec.url };
    const refusal = /refusing to follow the next page link to http:\/\/localhost:\d+: it is not on the base URL's origin/;
    mode = 'foreign';
    try {
      rec.requests.length = 0;
      const client = await newClient(built);
      await expect(collectIds(method(client, issues)('r', { owner: 'o', per_page: 2 }))).rejects.toThrow(refusal);
      expect(() => method(client, issues)('r', { owner: 'o' }, { pageURL: `${foreign}/repositories/42/issues?page=2` })).toThrow(refusal);

      const cli = await runBin(built.cliBin, [issues.names.cliGroup, issues.names.cliCommand, '--owner', 'o', '--repo', 'r', '--per-page', '2'], env);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(refusal);

      const mcp = await connectMcp(built.mcpBin, [], env);
      try {
        const result = await mcp.client.callTool({ name: issues.names.mcpTool, arguments: { owner: 'o', repo: 'r', per_page: 2, max_items: 10 } });
        expect(result.isError).toBe(true);
        expect(JSON.stringify(result.content)).toMatch(refusal);
      } finally {
        await mcp.close();
      }
      // Only first pages reached the server.
      expect(rec.requests.map((r) => r.url)).toEqual(['/repos/o/r/issues?per_page=2', '/repos/o/r/issues?per_page=2', '/repos/o/r/issues?per_page=2']);
    } finally {
      mode = 'github';
    }
  });
});
