/**
 * Names and facts taken from the document itself: package and bin names a
 * person would choose (from the title, else the file name, else its folder),
 * an empty `info.version`, no `servers`, server variables (a client option,
 * a CLI flag and an MCP server flag each, defaulting to the document's
 * default), servers of an operation's own (Together's video endpoints live
 * under /v2 while the document's server is /v1), and operations with neither
 * operationId nor summary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { connectMcp, generateAndBuild, importAll, runBin, scratchDir, writeTree, type Built, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, recordedApi, tempDir } from './support.js';

const dir = tempDir('doc-names');
const minimal = (info: object, extra: object = {}) => ({ openapi: '3.1.0', info, paths: { '/things': { get: { responses: { '200': { description: 'ok' } } } } }, ...extra });

describe('package names', () => {
  it.each([
    ['PagerDuty API', 'pagerduty', 'PagerDuty'],
    ['OpenAI API', 'openai', 'OpenAI'],
    ['Box Platform API', 'box-platform', 'BoxPlatform'],
    ['Twilio - Pricing', 'twilio-pricing', 'TwilioPricing'],
    ['The Stripe REST API (2024-04-10)', 'stripe', 'Stripe'],
    ["GitHub's official OpenAPI spec + Octokit extension", 'github', 'GitHub'],
    ['Acme’s Public API', 'acme', 'Acme'],
    ['2048 Game API', '2048-game', 'API2048Game'],
    ['Acme API Client', 'acme', 'Acme'],
    ['Acme REST SDK v2', 'acme', 'Acme'],
    // The client core exports `Page`; `Error` is a global.
    ['Page API', 'page', 'PageClient'],
    ['Error', 'error', 'ErrorClient'],
  ])('title %j → %s', async (title, slug, clientClass) => {
    const { spec, report } = await importTree(join(dir, slug), { 'openapi.json': minimal({ title, version: '1' }) });
    expect(spec.packages).toEqual({
      client: slug,
      cli: `${slug}-cli`,
      mcp: `${slug}-mcp`,
      clientClass,
      cliBin: slug,
      mcpBin: `${slug}-mcp`,
      toolPrefix: `${slug.replace(/-/g, '_')}_`,
      // A shell name never starts with a digit: `2048-game`'s env vars are `_2048_GAME_…`.
      baseURLEnv: `${/^[0-9]/.test(slug) ? '_' : ''}${slug.replace(/-/g, '_').toUpperCase()}_BASE_URL`,
    });
    expect(entries(report, 'package-names-inferred')).toEqual([expect.stringContaining(`from the document's title`)]);
  });

  it('a name that leads with a digit gives env vars a shell can set (`_1PASSWORD_CONNECT_…`), and the CLI reads them', async () => {
    const rec = await startRecorder();
    try {
      rec.route('GET', /./, () => ({ body: { ok: true } }));
      const { spec } = await importTree(join(dir, 'digit'), {
        'openapi.json': {
          openapi: '3.1.0',
          info: { title: '1Password Connect', version: '1' },
          webhooks: Object.fromEntries(
            ['item.changed', 'item.deleted'].map((type) => [type, { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { type: { const: type } } } } } }, responses: { '200': { description: 'ok' } } } }]),
          ),
          servers: [{ url: 'https://{region}.example.com/v1', variables: { region: { default: 'eu' } } }],
          components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
          security: [{ token: [] }],
          paths: { '/vaults': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } } },
        },
      });
      const names = [spec.packages.baseURLEnv, ...spec.auth.map((a) => a.envVar), ...spec.info.serverVariables!.map((v) => v.envVar)];
      expect(names).toEqual(['_1PASSWORD_CONNECT_BASE_URL', '_1PASSWORD_CONNECT_API_KEY', '_1PASSWORD_CONNECT_REGION']);
      const built = await generateAndBuild(spec, join(scratchDir, 'test-anydoc-digit-env'));
      // The webhook secret's env var keeps the prefix's `_` too.
      expect(readFileSync(join(built.dir, 'client/src/client.ts'), 'utf8')).toContain("'_1PASSWORD_CONNECT_WEBHOOK_SECRET'");
      const res = await runBin(built.cliBin, ['vaults', 'retrieve'], { _1PASSWORD_CONNECT_BASE_URL: rec.url, _1PASSWORD_CONNECT_API_KEY: 'tok' });
      expect(res.code, res.stderr).toBe(0);
      expect(rec.requests.map((r) => [r.url, r.headers.authorization])).toEqual([['/vaults', 'Bearer tok']]);
    } finally {
      await rec.close();
    }
  }, 120_000);

  it('a title that names nothing falls back to the file name, then to the folder', async () => {
    const byFile = await importTree(join(dir, 'by-file'), { 'acme-billing.openapi.yaml': minimal({ title: 'API', version: '1' }) });
    expect(byFile.spec.packages.cliBin).toBe('acme-billing');
    expect(entries(byFile.report, 'package-names-inferred')).toEqual([expect.stringContaining("file name (acme billing)")]);
    const byFolder = await importTree(join(dir, 'digitalocean'), { 'openapi.yaml': minimal({ title: 'REST API', version: '1' }) });
    expect(byFolder.spec.packages).toMatchObject({ cliBin: 'digitalocean', clientClass: 'Digitalocean' });
  });
});

describe('missing facts', () => {
  let imported: Imported;
  let built: Built;
  beforeAll(async () => {
    imported = await importTree(join(dir, 'bare'), {
      'openapi.json': {
        openapi: '3.0.3',
        info: { title: 'Bare', version: '' },
        paths: {
          '/widgets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } } },
          '/widgets/{widget_id}': { delete: { parameters: [{ name: 'widget_id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'gone' } } } },
        },
      },
    });
    built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-bare'));
  }, 120_000);

  it('an empty info.version is reported and shown as unknown', async () => {
    expect(imported.spec.info.version).toBe('unknown');
    expect(entries(imported.report, 'no-version')).toEqual(['/info/version: The document has no `info.version`; the packages show the API version as unknown.']);
    expect((await runBin(built.cliBin, ['--version'])).stdout).toBe('bare 0.1.0 (API unknown)\n');
  });

  it('no servers: reported, and a request without a base URL is one clear error; with one it works', async () => {
    expect(imported.spec.info.baseURL).toBe('');
    expect(entries(imported.report, 'no-server')).toEqual([expect.stringMatching(/base URL must be given at run time .*BARE_BASE_URL/)]);
    const none = await runBin(built.cliBin, ['widgets', 'list']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No base URL: pass an absolute `baseURL` option or set BARE_BASE_URL/);
    const given = await runBin(built.cliBin, ['widgets', 'list', '--base-url', 'https://bare.example.com', '--dry-run', '--format', 'json']);
    expect(JSON.parse(given.stdout).url).toBe('https://bare.example.com/widgets');
  });

  it('operations without operationId or summary get names and descriptions from their method and route', async () => {
    expect(imported.spec.operations.map((o) => [o.key, o.operationId, o.names.mcpTool, o.names.cliGroup, o.names.cliCommand])).toEqual([
      ['widgets.delete', 'delete_widgets_widget_id', 'bare_delete_widget', 'widgets', 'delete'],
      ['widgets.list', 'get_widgets', 'bare_list_widgets', 'widgets', 'list'],
    ]);
    expect(entries(imported.report, 'operation-id-derived')).toHaveLength(2);
    const mcp = await connectMcp(built.mcpBin);
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => [t.name, t.description])).toEqual([
        ['bare_delete_widget', 'Delete widgets (DELETE /widgets/{widget_id}).'],
        ['bare_list_widgets', 'List widgets (GET /widgets).'],
      ]);
    } finally {
      await mcp.close();
    }
  });
});

describe('server variables', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    rec = await startRecorder();
    rec.route('GET', /\/things$/, () => ({ body: { data: ['x'] } }));
    imported = await importTree(join(dir, 'regional'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Regional API', version: '1' },
        servers: [
          {
            url: 'http://{host}:{port}/{region}/v1',
            variables: { host: { default: '127.0.0.1' }, port: { default: '9' }, region: { default: 'us', enum: ['us', 'eu'], description: 'Data region.' } },
          },
          { url: 'https://sandbox.example.com' },
        ],
        paths: { '/things': { get: { operationId: 'getThings', parameters: [{ name: 'region', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { type: 'string' } } } } } } } } } } },
      },
    });
    built = await generateAndBuild(imported.spec, join(scratchDir, 'test-anydoc-regional'));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('each variable is a client option, a flag and an env var, renamed where the packages already use the name', () => {
    expect(imported.spec.info).toMatchObject({ baseURL: 'http://127.0.0.1:9/us/v1', baseURLTemplate: 'http://{host}:{port}/{region}/v1' });
    expect(imported.spec.info.serverVariables!.map((v) => [v.name, v.clientOption, v.flag, v.envVar, v.default, v.enum])).toEqual([
      // `--host` and `--port` are the MCP server's own flags.
      ['host', 'serverHost', 'server-host', 'REGIONAL_SERVER_HOST', '127.0.0.1', undefined],
      ['port', 'serverPort', 'server-port', 'REGIONAL_SERVER_PORT', '9', undefined],
      ['region', 'region', 'region', 'REGIONAL_REGION', 'us', ['us', 'eu']],
    ]);
    expect(entries(imported.report, 'server-variable-renamed')).toHaveLength(2);
    expect(entries(imported.report, 'other-servers')).toEqual([expect.stringContaining('`https://sandbox.example.com`')]);
  });

  const port = () => new URL(rec.url).port;

  it('client: options, then env vars, then the defaults; a value outside the list is an error', async () => {
    const { default: Regional } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => { baseURL: string } };
    expect(new Regional().baseURL).toBe('http://127.0.0.1:9/us/v1');
    expect(new Regional({ serverPort: port(), region: 'eu' }).baseURL).toBe(`http://127.0.0.1:${port()}/eu/v1`);
    expect(new Regional({ region: 'eu', baseURL: 'https://elsewhere.example.com' }).baseURL).toBe('https://elsewhere.example.com');
    expect(() => new Regional({ region: 'mars' })).toThrow(/region must be one of "us", "eu"; got "mars"/);
  });

  it('CLI: global flags with the defaults in --help; a param with the same name is --query-region', async () => {
    const help = await runBin(built.cliBin, ['--help']);
    expect(help.stdout).toMatch(/--region VALUE\s+Part of the API's URL \(default: env REGIONAL_REGION, then us\)\. \(us\|eu\)/);
    expect(help.stdout).toMatch(/--server-port VALUE\s+Part of the API's URL \(default: env REGIONAL_SERVER_PORT, then 9\)/);
    const r = await runBin(built.cliBin, ['things', 'list', '--server-port', port(), '--region', 'eu', '--query-region', 'x']);
    expect(r.code, r.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/eu/v1/things?region=x');
    const env = await runBin(built.cliBin, ['things', 'list'], { REGIONAL_SERVER_PORT: port() });
    expect(env.code, env.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/us/v1/things');
    const bad = await runBin(built.cliBin, ['things', 'list', '--region', 'mars']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--region must be one of us, eu, got 'mars'/)]);
  });

  it('MCP server: flags set the variables', async () => {
    const mcp = await connectMcp(built.mcpBin, ['--server-port', port(), '--region', 'eu']);
    try {
      const result = (await mcp.client.callTool({ name: 'regional_get_things', arguments: {} })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(result.isError, result.content[0]?.text).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(rec.requests.at(-1)!.url).toBe('/eu/v1/things');
    expect((await runBin(built.mcpBin, ['--help'])).stdout).toMatch(/--region VALUE\s+part of the API's URL \(us\|eu\); default: env REGIONAL_REGION, then us/);
    const bad = await runBin(built.mcpBin, ['--region', 'mars']);
    expect(bad.code).toBe(2);
  });
});

describe("an operation's own servers", () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    const get = (operationId: string, extra: object = {}) => ({ get: { operationId, responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } }, ...extra } });
    ({ imported, built, rec } = await recordedApi('servers', join(dir, 'servers'), (url) => ({
      openapi: '3.1.0',
      info: { title: 'Split API', version: '1' },
      servers: [{ url: `${url}/v1` }],
      paths: {
        '/models': get('listModels'),
        '/videos/{id}': { ...get('getVideo', { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], servers: [{ url: `${url}/{version}`, variables: { version: { default: 'v2' } } }, { url: 'https://other.example.com' }] }) },
        '/jobs': { servers: [{ url: `${url}/v1/` }], ...get('listJobs') },
        '/files': { servers: [{ url: '/files-api' }], ...get('listFiles') },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('are kept when they differ from the document\'s (variables at their defaults), and reported', () => {
    expect(op(imported.spec, 'get', '/videos/{id}').baseURL).toBe(`${rec.url}/v2`);
    // The same server as the document's (a trailing slash aside), and a relative one: none of its own.
    expect(op(imported.spec, 'get', '/jobs').baseURL).toBeUndefined();
    expect(op(imported.spec, 'get', '/files').baseURL).toBeUndefined();
    expect(op(imported.spec, 'get', '/models').baseURL).toBeUndefined();
    expect(entries(imported.report, 'operation-server')).toEqual([expect.stringMatching(/^\/paths\/~1videos~1\{id\}\/get\/servers: Sent to its own server `http:\/\/127\.0\.0\.1:\d+\/v2` \(the first of 2;/)]);
    expect(entries(imported.report, 'operation-server-relative')).toEqual([expect.stringMatching(/^\/paths\/~1files\/servers: The operation's own server `\/files-api` is relative/)]);
  });

  it('client: the operation goes to its own server, unless the client was given a base URL', async () => {
    const { default: Split } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const client = new Split();
    await client.videos.retrieve('v_1');
    expect(rec.requests.at(-1)!.url).toBe('/v2/videos/v_1');
    await client.models.retrieve();
    expect(rec.requests.at(-1)!.url).toBe('/v1/models');
    await new Split({ baseURL: `${rec.url}/proxy` }).videos.retrieve('v_2');
    expect(rec.requests.at(-1)!.url).toBe('/proxy/videos/v_2');
  });

  it('CLI: the same, --base-url and the env var applying to every operation', async () => {
    const own = await runBin(built.cliBin, ['videos', 'retrieve', 'v_3']);
    expect(own.code, own.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/v2/videos/v_3');
    const flag = await runBin(built.cliBin, ['videos', 'retrieve', 'v_4', '--base-url', `${rec.url}/proxy`]);
    expect(flag.code, flag.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/proxy/videos/v_4');
    const env = await runBin(built.cliBin, ['videos', 'retrieve', 'v_5'], { SPLIT_BASE_URL: `${rec.url}/env` });
    expect(env.code, env.stderr).toBe(0);
    expect(rec.requests.at(-1)!.url).toBe('/env/videos/v_5');
  });
});

describe('an empty title and a generic file name', () => {
  it('takes the folder name', async () => {
    const root = writeTree(join(dir, 'acme'), { 'api.yaml': minimal({ title: '', version: '1' }) });
    const { spec } = await importAll(join(root, 'api.yaml'));
    expect(spec.packages.cliBin).toBe('acme');
  });
});
