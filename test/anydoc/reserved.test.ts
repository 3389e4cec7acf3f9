/**
 * Names TypeScript, a shell or an MCP client rejects, resolved at import and
 * reported: reserved words, leading digits, `__proto__`/`constructor`/
 * `toString`, members of the client core (`request`), schema names that
 * shadow globals or the package's own exports (`Error`, `Record`,
 * `APIError`), property names with spaces, dots and quotes, and files that
 * would differ only in case. The package builds, type-checks under strict,
 * passes the MCP lint, and sends the wire names as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectShape } from '../../generator/ir/types.js';
import { emitAll } from '../../generator/commands/generate.js';
import { buildCommandTable } from '../../generator/emit/cli/table.js';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { buildToolTable } from '../../generator/emit/mcp/index.js';
import type { ToolTable } from '../../runtime/mcp/table.js';
import { lintToolTable } from '../mcp/lint.js';
import { connectMcp, generateAndBuild, runBin, scratchDir, typecheckClients, type Built, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, surfaces, tempDir } from './support.js';

const str = { type: 'string' };
const ok = (schema?: object) => ({ '200': { description: 'ok', ...(schema ? { content: { 'application/json': { schema } } } : {}) } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const q = (name: string) => ({ name, in: 'query', schema: str });

const doc = {
  openapi: '3.0.3',
  info: { title: 'Odd Names', version: '1' },
  servers: [{ url: 'https://odd.example.com' }],
  paths: {
    '/constructor': { get: { operationId: 'getConstructor', responses: ok(ref('Everything')) } },
    '/request': { get: { operationId: 'getRequest', responses: ok() } },
    '/__proto__/toString': { get: { operationId: 'protoToString', responses: ok() } },
    '/default/class/new': { post: { operationId: 'newClass', requestBody: { content: { 'application/json': { schema: ref('Everything') } } }, responses: ok(ref('Error')) } },
    '/2fa/codes': { get: { operationId: 'listCodes', parameters: [q('__proto__'), q('constructor'), q('toString'), q('2fa'), q('class'), q('format'), q('help')], responses: ok() } },
    '/bar': { get: { operationId: 'getBar', responses: ok() } },
    '/bar/bar': { get: { operationId: 'getBarBar', responses: ok() } },
    '/shared': { get: { operationId: 'getShared', responses: ok() } },
    // Path params named like the methods' other arguments, and a whole (array) body beside params called `body`.
    '/opts/{options}': { get: { operationId: 'getOpts', parameters: [{ name: 'options', in: 'path', required: true, schema: str }, q('params')], responses: ok() } },
    '/docs/{body}': {
      put: {
        operationId: 'putDoc',
        parameters: [{ name: 'body', in: 'path', required: true, schema: str }, q('request_body')],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: str } } } },
        responses: ok(),
      },
    },
    // A resource class named `Array` would shadow the global its own types use.
    '/array': { get: { operationId: 'getArray', responses: ok({ type: 'object', properties: { items: { type: 'array', items: str } } }) } },
    // A resource whose class name and its `Resource` form are both schema names.
    '/widgets': { get: { operationId: 'listWidgets', responses: ok(ref('Widgets')) } },
  },
  components: {
    schemas: {
      Everything: {
        type: 'object',
        properties: Object.fromEntries([
          ...['Error', 'error', 'Record', 'Promise', '2FA', 'class', 'Object', 'Array', 'APIError', 'ClientOptions', 'OddNames', 'Blob', 'Date'].map((n, i): [string, object] => [`p${i}`, ref(n)]),
          ...['first name', 'a.b', "it's", 'say "hi"', '__proto__', 'constructor'].map((n): [string, object] => [n, str]),
        ]),
      },
      Error: { type: 'object', properties: { message: str } },
      error: { type: 'object', properties: { code: str } },
      Record: { type: 'object', properties: { k: str } },
      Promise: str,
      '2FA': str,
      class: str,
      Object: { type: 'object' },
      Array: { type: 'array', items: str },
      APIError: { type: 'object', properties: { x: str } },
      ClientOptions: { type: 'object', properties: { x: str } },
      OddNames: { type: 'object', properties: { x: str } },
      Blob: str,
      Date: str,
      Widgets: { type: 'object', properties: { data: { type: 'array', items: ref('WidgetsResource') } } },
      WidgetsResource: { type: 'object', properties: { id: str } },
    },
  },
};

let imported: Imported;
let built: Built;
const dir = tempDir('reserved');

beforeAll(async () => {
  imported = await importTree(dir, { 'openapi.json': doc });
  built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-reserved'));
}, 120_000);

describe('names the generated code cannot take as they are', () => {
  it('accessors that are members of the client core or of every object take a trailing underscore', () => {
    const path = (p: string, m = 'get') => op(imported.spec, m, p).names.clientPath.join('.');
    expect(path('/constructor')).toBe('constructor_.retrieve');
    expect(path('/request')).toBe('request_.retrieve');
    expect(path('/__proto__/toString')).toBe('proto.toString_.retrieve');
    expect(path('/default/class/new', 'post')).toBe('default.class.new.create');
    expect(path('/2fa/codes')).toBe('2fa.codes.retrieve');
    // Its types start with `T`, as a schema named `2FA` does (`T2Fa`), not `_` (`_2faCodeRetrieveParams` beside `T2Fa`).
    expect(op(imported.spec, 'get', '/2fa/codes').names.typePrefix).toBe('T2faCodeRetrieve');
    expect(entries(imported.report, 'accessor-renamed').map((e) => e.split(':')[0])).toEqual(['/paths/~1__proto__~1toString/get', '/paths/~1constructor/get', '/paths/~1request/get']);
  });

  it('params: object members, digits and keywords get safe names; globals flags are prefixed in the CLI only', () => {
    expect(surfaces(imported.spec, op(imported.spec, 'get', '/2fa/codes'))).toEqual([
      { wire: '__proto__', in: 'query', client: 'proto_', flag: 'proto', mcp: 'proto_' },
      { wire: 'constructor', in: 'query', client: 'constructor_', flag: 'constructor', mcp: 'constructor_' },
      { wire: 'toString', in: 'query', client: 'toString_', flag: 'to-string', mcp: 'toString_' },
      { wire: '2fa', in: 'query', client: '_2fa', flag: '2fa', mcp: '_2fa' },
      { wire: 'class', in: 'query', client: 'class', flag: 'class', mcp: 'class' },
      { wire: 'format', in: 'query', client: 'format', flag: 'query-format', mcp: 'format' },
      { wire: 'help', in: 'query', client: 'help', flag: 'query-help', mcp: 'help' },
    ]);
  });

  it('schema names that shadow globals or the package’s exports get `Model`; a case twin gets a number', () => {
    const names = (imported.spec.types.Everything!.shape as ObjectShape).properties.filter((p) => p.shape.kind === 'ref').map((p) => (p.shape as { name: string }).name);
    expect(names).toEqual(['ErrorModel', 'Error2', 'RecordModel', 'PromiseModel', 'T2Fa', 'Class', 'ObjectModel', 'ArrayModel', 'APIErrorModel', 'ClientOptionsModel', 'OddNamesModel', 'BlobModel', 'DateModel']);
    expect(entries(imported.report, 'type-name-reserved')).toHaveLength(10);
    expect(entries(imported.report, 'type-name-collision')).toEqual([expect.stringContaining('Schema `error` is named `Error2`')]);
  });

  it('property names with spaces, dots and quotes stay exact in types and on the wire', () => {
    const props = (imported.spec.types.Everything!.shape as ObjectShape).properties.map((p) => p.name);
    expect(props.slice(-6)).toEqual(['first name', 'a.b', "it's", 'say "hi"', '__proto__', 'constructor']);
    const body = op(imported.spec, 'post', '/default/class/new').params.filter((p) => p.in === 'body');
    expect(body.slice(-6).map((p) => [p.wireName, p.name])).toEqual([
      ['first name', 'first_name'], ['a.b', 'a_b'], ["it's", 'it_s'], ['say "hi"', 'say_hi'], ['__proto__', 'proto_'], ['constructor', 'constructor_'],
    ]);
  });

  it('no two emitted files differ only in case, and leaf resources never overwrite a parent’s file', () => {
    const paths = [...emitAll(imported.spec).keys()];
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length);
    expect(paths).toEqual(expect.arrayContaining(['client/src/resources/bar/bar.ts', 'client/src/resources/bar/bar/bar.ts', 'client/src/resources/shared/shared.ts']));
    expect(emitAll(imported.spec).get('client/src/resources/array.ts')).toContain('export class ArrayResource extends APIResource');
    expect(emitAll(imported.spec).get('client/src/resources/widgets.ts')).toContain('export class WidgetsResource2 extends APIResource');
  });
});

describe('the built packages', () => {
  it('the client type-checks under strict and the MCP tool table is lint-clean', () => {
    const client = join(built.dir, 'client');
    expect(typecheckClients([client]).get(client)).toEqual([]);
    expect(lintToolTable(JSON.parse(readFileSync(join(built.dir, 'mcp/src/tools.json'), 'utf8')) as ToolTable)).toEqual([]);
  }, 120_000);

  it('the client reaches renamed accessors and sends exact wire names', async () => {
    const { default: OddNames } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o: object) => any };
    const urls: string[] = [];
    const client = new OddNames({ fetch: async (url: string) => (urls.push(url), new Response('{}', { headers: { 'content-type': 'application/json' } })) });
    await client.constructor_.retrieve();
    await client.request_.retrieve();
    await client['2fa'].codes.retrieve({ proto_: 'p', constructor_: 'c', toString_: 't', _2fa: '2', class: 'k' });
    // A params object without those keys sends none of them (no inherited `constructor`).
    await client['2fa'].codes.retrieve({});
    expect(urls).toEqual([
      'https://odd.example.com/constructor',
      'https://odd.example.com/request',
      'https://odd.example.com/2fa/codes?__proto__=p&constructor=c&toString=t&2fa=2&class=k',
      'https://odd.example.com/2fa/codes',
    ]);
  });

  it('a whole body beside params named `body` and `request_body` has one name on every surface', async () => {
    const o = op(imported.spec, 'put', '/docs/{body}');
    expect(operationSpec(o).body).toMatchObject({ whole: 'request_body_2' });
    expect(buildCommandTable(imported.spec).commands.find((c) => c.key === o.key)!.body).toMatchObject({ whole: 'request_body_2' });
    const { table } = buildToolTable(imported.spec);
    expect(table.calls[o.names.mcpTool]!.args).toEqual({ request_body: 'request_body', request_body_2: 'request_body_2' });
    const r = await runBin(built.cliBin, ['docs', 'update', '--body', 'B1', '--request-body', 'q', '--data', '["x"]', '--dry-run', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ url: 'https://odd.example.com/docs/B1?request_body=q', body: ['x'] });
    const opts = await runBin(built.cliBin, ['opts', 'retrieve', '--options', 'o1', '--params', 'p1', '--dry-run', '--format', 'json']);
    expect(JSON.parse(opts.stdout).url).toBe('https://odd.example.com/opts/o1?params=p1');
  });

  it('the CLI and the MCP server take the safe names', async () => {
    const r = await runBin(built.cliBin, ['2fa:codes', 'retrieve', '--proto', 'p', '--constructor', 'c', '--query-format', 'f', '--dry-run', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).url).toBe('https://odd.example.com/2fa/codes?__proto__=p&constructor=c&format=f');
    const mcp = await connectMcp(built.mcpBin);
    try {
      expect((await mcp.client.listTools()).tools).toHaveLength(imported.spec.operations.length);
    } finally {
      await mcp.close();
    }
  });
});

describe('security schemes named like keywords, digits, core options or each other', () => {
  it('get safe, distinct client options, flags and env vars', async () => {
    const authDoc = {
      openapi: '3.0.3',
      info: { title: 'Auth Mix', version: '1' },
      servers: [{ url: 'https://auth.example.com' }],
      security: [{ api_key: [] }, { apiKey: [] }, { '2fa': [] }, { timeout: [] }, { default: [] }],
      paths: { '/a': { get: { operationId: 'getA', responses: ok() } } },
      components: {
        securitySchemes: {
          api_key: { type: 'apiKey', in: 'header', name: 'X-Key' },
          apiKey: { type: 'apiKey', in: 'query', name: 'key' },
          '2fa': { type: 'http', scheme: 'bearer' },
          timeout: { type: 'http', scheme: 'basic' },
          default: { type: 'http', scheme: 'bearer' },
        },
      },
    };
    const { spec } = await importTree(join(dir, 'auth'), { 'openapi.json': authDoc });
    // In the order the root `security` lists them.
    expect(spec.auth.map((a) => [a.name, a.clientOption, a.envVar])).toEqual([
      ['api_key', 'apiKey', 'AUTH_MIX_API_KEY'],
      ['apiKey', 'apiKey2', 'AUTH_MIX_API_KEY_2'],
      ['2fa', 'key2fa', 'AUTH_MIX_2FA'],
      ['timeout', 'timeoutKey', 'AUTH_MIX_TIMEOUT'],
      ['default', 'defaultKey', 'AUTH_MIX_DEFAULT'],
    ]);
    expect(() => emitAll(spec)).not.toThrow();
  });
});

describe('a client class named like what client.ts imports', () => {
  it('`core` and `PingAPI` (beside a root `ping`) compile, and the statics and accessors work', async () => {
    const titled = (title: string) => ({
      openapi: '3.0.3',
      info: { title, version: '1' },
      servers: [{ url: 'https://named.example.com' }],
      paths: { '/ping': { get: { operationId: 'getPing', responses: ok({ type: 'object' }) } } },
    });
    const core = await importTree(join(dir, 'core'), { 'openapi.json': titled('core') });
    const ping = await importTree(join(dir, 'ping-api'), { 'openapi.json': titled('PingAPI') });
    expect([core.spec.packages.clientClass, ping.spec.packages.clientClass]).toEqual(['CoreClient', 'PingAPI']);
    const builds = [await generateAndBuild(core.spec, join(scratchDir, 'test-anydoc-class-core')), await generateAndBuild(ping.spec, join(scratchDir, 'test-anydoc-class-ping'))];
    const clients = builds.map((b) => join(b.dir, 'client'));
    expect([...typecheckClients(clients).values()]).toEqual([[], []]);
    for (const b of builds) {
      const { default: Client } = (await import(pathToFileURL(join(b.dir, 'client/dist/index.js')).href)) as { default: (new (o: object) => any) & Record<string, unknown> };
      expect([typeof Client.NotFoundError, typeof Client.toFile]).toEqual(['function', 'function']);
      const urls: string[] = [];
      await new Client({ fetch: async (url: string) => (urls.push(url), new Response('{}', { headers: { 'content-type': 'application/json' } })) }).ping.retrieve();
      expect(urls).toEqual(['https://named.example.com/ping']);
    }
  }, 180_000);
});
