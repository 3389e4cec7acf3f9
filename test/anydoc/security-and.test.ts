/**
 * Security requirements that name several schemes (`security: [{appId: [],
 * apiKey: []}, {bearer: []}]`, as Algolia's application id and key): the
 * schemes of one requirement are sent together, the requirements are
 * alternatives tried in order. The client used to send one key of the
 * accepted schemes, which such an API refuses. The CLI and MCP server, which
 * call the client, send the same.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { importDocument } from '../../generator/commands/import.js';
import { connectMcp, runBin, writeTree, type Built, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, recordedApi, tempDir } from './support.js';

describe('security requirements with several schemes', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('security-and', join(tempDir('security-and'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Keys', version: '1' },
      servers: [{ url }],
      components: {
        securitySchemes: {
          appId: { type: 'apiKey', in: 'header', name: 'X-App-Id' },
          apiKey: { type: 'apiKey', in: 'query', name: 'api_key' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ appId: [], apiKey: [] }, { bearer: [] }],
      paths: {
        '/things': { get: { operationId: 'listThings', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } },
        '/open': { get: { operationId: 'getOpen', security: [], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  const env = (...schemes: string[]) => Object.fromEntries(imported.spec.auth.filter((a) => schemes.includes(a.name)).map((a) => [a.envVar, `${a.name}-secret`]));

  it('keeps the requirements in the IR', () => {
    expect(op(imported.spec, 'get', '/things')).toMatchObject({ security: ['appId', 'apiKey', 'bearer'], requirements: [['appId', 'apiKey'], ['bearer']] });
    expect(op(imported.spec, 'get', '/open').security).toEqual([]);
    expect(op(imported.spec, 'get', '/open').requirements).toBeUndefined();
  });

  it('the client sends both keys of a requirement, else the next requirement, else says which keys it needs', async () => {
    const { default: Keys } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Keys({ appID: 'app-1', apiKey: 'key-1', bearer: 'tok' }).things.retrieve();
    const both = rec.requests.at(-1)!;
    expect([both.url, both.headers['x-app-id'], both.headers.authorization]).toEqual(['/things?api_key=key-1', 'app-1', undefined]);
    await new Keys({ appID: 'app-1', bearer: 'tok' }).things.retrieve();
    const bearer = rec.requests.at(-1)!;
    expect([bearer.url, bearer.headers['x-app-id'], bearer.headers.authorization]).toEqual(['/things', undefined, 'Bearer tok']);
    const count = rec.requests.length;
    await expect(new Keys({ appID: 'app-1' }).things.retrieve()).rejects.toThrow(/things\.retrieve needs the keys `appID` \(KEYS_APP_ID\) and `apiKey` \(KEYS_API_KEY\), or `bearer` \(KEYS_BEARER\)/);
    expect(rec.requests.length).toBe(count);
    await new Keys({ appID: 'app-1' }).open.retrieve();
    expect(rec.requests.at(-1)!.url).toBe('/open');
  });

  it('the CLI never prints a query key, even URL-encoded (--dry-run, --debug)', async () => {
    const secret = 'abc+def/ghi==';
    const keys = { ...env('appId'), [imported.spec.auth.find((a) => a.name === 'apiKey')!.envVar]: secret };
    for (const flag of ['--dry-run', '--debug']) {
      const cli = await runBin(built.cliBin, ['things', 'retrieve', flag], keys);
      expect(cli.code, cli.stderr).toBe(0);
      const printed = cli.stdout + cli.stderr;
      expect(printed).toContain('api_key=[REDACTED]');
      for (const form of [secret, encodeURIComponent(secret), 'abc%2Bdef%2Fghi%3D%3D']) expect(printed).not.toContain(form);
    }
    expect(rec.requests.at(-1)!.url).toBe(`/things?api_key=${encodeURIComponent(secret)}`);
  });

  it('the CLI and the MCP server send both keys from the environment', async () => {
    const cli = await runBin(built.cliBin, ['things', 'retrieve'], env('appId', 'apiKey'));
    expect(cli.code, cli.stderr).toBe(0);
    expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers['x-app-id']]).toEqual(['/things?api_key=apiKey-secret', 'appId-secret']);
    const mcp = await connectMcp(built.mcpBin, [], { ...env('appId', 'apiKey'), KEYS_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: op(imported.spec, 'get', '/things').names.mcpTool, arguments: {} });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers['x-app-id']]).toEqual(['/things?api_key=apiKey-secret', 'appId-secret']);
    } finally {
      await mcp.close();
    }
  });
});

describe('one scheme declared twice under two names', () => {
  it('is one key for every operation that names either, and is reported', async () => {
    const { spec, report } = await importTree(join(tempDir('same-scheme'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Dup Bearer', version: '1' },
        servers: [{ url: 'https://api.example.com' }],
        security: [{ BearerAuth: [] }],
        components: {
          securitySchemes: {
            BearerAuth: { type: 'http', scheme: 'bearer' },
            bearerAuth: { type: 'http', scheme: 'Bearer' },
            QueryKey: { type: 'apiKey', in: 'query', name: 'key' },
            queryKey: { type: 'apiKey', in: 'query', name: 'Key' },
            // The same kind under another name is another credential (OpenAI's ApiKeyAuth and AdminApiKeyAuth).
            AdminAuth: { type: 'http', scheme: 'bearer' },
          },
        },
        paths: {
          '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } },
          '/b': { get: { operationId: 'getB', security: [{ bearerAuth: [] }, { QueryKey: [], queryKey: [] }], responses: { '200': { description: 'ok' } } } },
          '/c': { get: { operationId: 'getC', security: [{ AdminAuth: [] }], responses: { '200': { description: 'ok' } } } },
        },
      },
    });
    // A query param name is case-sensitive: `key` and `Key` stay two schemes.
    expect(spec.auth.map((a) => a.name)).toEqual(['BearerAuth', 'QueryKey', 'queryKey', 'AdminAuth']);
    expect(op(spec, 'get', '/c').security).toEqual(['AdminAuth']);
    expect(op(spec, 'get', '/a').security).toEqual(['BearerAuth']);
    expect(op(spec, 'get', '/b')).toMatchObject({ security: ['BearerAuth', 'QueryKey', 'queryKey'], requirements: [['BearerAuth'], ['QueryKey', 'queryKey']] });
    expect(entries(report, 'auth-scheme-same')).toEqual(['/components/securitySchemes/bearerAuth: Security scheme `bearerAuth` is `BearerAuth` under another name: operations that name either take the one key of `BearerAuth`.']);
  });
});

describe('one scheme declared twice, in a configured target', () => {
  it('stands under the name the config lists, whose key settings hold', async () => {
    const dir = tempDir('same-scheme-config');
    writeTree(dir, {
      'doc.yaml': {
        openapi: '3.0.3',
        info: { title: 'Nest', version: '1' },
        servers: [{ url: 'https://api.example.com' }],
        security: [{ BearerAuth: [] }],
        components: { securitySchemes: { BearerAuth: { type: 'http', scheme: 'bearer' }, bearerAuth: { type: 'http', scheme: 'bearer' } } },
        paths: { '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } } },
      },
    });
    writeFileSync(
      join(dir, 'config.yaml'),
      "target: nest\nscope: { include: ['/**'] }\npackages: { client: nest, cli: nest-cli, mcp: nest-mcp, clientClass: Nest, cliBin: nest, mcpBin: nest-mcp, toolPrefix: nest_, baseURLEnv: NEST_BASE_URL }\nauth:\n  - { scheme: bearerAuth, envVar: NEST_TOKEN, clientOption: token }\n",
    );
    const { spec, report } = await importDocument({ from: join(dir, 'doc.yaml'), target: 'nest', configDir: dir, root: join(dir, 'root'), relock: true });
    expect(spec.auth.map((a) => [a.name, a.envVar, a.clientOption])).toEqual([['bearerAuth', 'NEST_TOKEN', 'token']]);
    expect(op(spec, 'get', '/a').security).toEqual(['bearerAuth']);
    expect(entries(report, 'auth-scheme-same')).toEqual(['/components/securitySchemes/BearerAuth: Security scheme `BearerAuth` is `bearerAuth` under another name: operations that name either take the one key of `bearerAuth`.']);
  });
});
