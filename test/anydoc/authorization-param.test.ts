/**
 * A header param named `Authorization`, which OpenAPI says to ignore, as
 * hand-written documents declare in place of a security scheme (ReadMe's
 * circular example): it is the API key of a scheme made for it, so the client
 * takes it as an option or env var, the CLI as its key flag, and the MCP
 * server from the environment (it never takes keys as tool arguments, and
 * used to send nothing). Beside an operation's own security scheme, it is left
 * out, unless the packages cannot send that scheme (here.com's token request,
 * signed as HTTP `oauth`): then nothing sent the header and the call went with
 * the API's other key, so the param is the key of a scheme made for it there
 * too. Either way it is no method param.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { operationSpec } from '../../generator/emit/client/operations.js';
import { entries, importTree, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const authorization = { name: 'Authorization', in: 'header', required: true, description: 'API key.', schema: { type: 'string' } };

describe('an Authorization header param', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('authorization-param', join(tempDir('authorization-param'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Notes', version: '1' },
      servers: [{ url }],
      paths: {
        '/notes': { get: { operationId: 'listNotes', parameters: [authorization, { name: 'tag', in: 'query', schema: { type: 'string' } }], responses: ok } },
        '/health': { get: { operationId: 'getHealth', responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is the key of a scheme made for it, not a param, reported', () => {
    const notes = op(imported.spec, 'get', '/notes');
    expect(notes.params.map((p) => p.wireName)).toEqual(['tag']);
    expect(notes.security).toEqual(['AuthorizationHeader']);
    expect(op(imported.spec, 'get', '/health').security).toEqual([]);
    expect(imported.spec.auth).toEqual([
      expect.objectContaining({ name: 'AuthorizationHeader', kind: 'apiKeyHeader', paramName: 'Authorization', envVar: 'NOTES_API_KEY', clientOption: 'apiKey', pointer: '/paths/~1notes/get' }),
    ]);
    expect(imported.report.filter((e) => e.code === 'authorization-param').map((e) => e.pointer)).toEqual(['/paths/~1notes/get/parameters/0']);
  });

  it('the client, the CLI and the MCP server send the key as given', async () => {
    const { default: Notes } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Notes({ apiKey: 'Token abc' }).notes.retrieve({ tag: 'x' });
    expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers.authorization]).toEqual(['/notes?tag=x', 'Token abc']);
    const cli = await runBin(built.cliBin, ['notes', 'retrieve'], { NOTES_API_KEY: 'Token cli' });
    expect(cli.code, cli.stderr).toBe(0);
    expect(rec.requests.at(-1)!.headers.authorization).toBe('Token cli');
    const mcp = await connectMcp(built.mcpBin, [], { NOTES_API_KEY: 'Token mcp', NOTES_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: op(imported.spec, 'get', '/notes').names.mcpTool, arguments: {} });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(rec.requests.at(-1)!.headers.authorization).toBe('Token mcp');
    } finally {
      await mcp.close();
    }
  });
});

describe('an Authorization header param beside the operation\'s own scheme', () => {
  it('is left out, the scheme sends the header; no scheme is made', async () => {
    const { spec, report } = await importTree(join(tempDir('authorization-scheme'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Notes', version: '1' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
        paths: { '/notes': { get: { operationId: 'listNotes', parameters: [authorization], responses: ok } } },
      },
    });
    expect([op(spec, 'get', '/notes').params, op(spec, 'get', '/notes').security, spec.auth.map((a) => a.name)]).toEqual([[], ['bearer'], ['bearer']]);
    expect(report.find((e) => e.code === 'authorization-param')?.message).toContain('left out');
  });
});

describe('an Authorization header param beside only a scheme the packages cannot send', () => {
  it('is the key of a scheme made for it; the other operations keep theirs', async () => {
    const { spec, report } = await importTree(join(tempDir('authorization-unsent'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Tracking', version: '1' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, signed: { type: 'http', scheme: 'oauth' } } },
        security: [{ bearer: [] }],
        paths: {
          '/token': { post: { operationId: 'createToken', security: [{ signed: [] }], parameters: [authorization], responses: ok } },
          '/devices': { get: { operationId: 'listDevices', parameters: [authorization], responses: ok } },
        },
      },
    });
    const token = op(spec, 'post', '/token');
    expect([token.params, token.security]).toEqual([[], ['signed', 'AuthorizationHeader']]);
    expect(op(spec, 'get', '/devices').security).toEqual(['bearer']);
    expect(spec.auth.map((a) => [a.name, a.kind, a.paramName])).toEqual([['bearer', 'bearer', 'Authorization'], ['AuthorizationHeader', 'apiKeyHeader', 'Authorization']]);
    // The client sends that key, and not the bearer token, to the token request.
    expect(operationSpec(token, spec.auth.map((a) => a.name)).schemes).toEqual(['AuthorizationHeader']);
    expect(report.filter((e) => e.code === 'authorization-param').map((e) => [e.pointer, /left out|the API key of the scheme `AuthorizationHeader`/.exec(e.message)?.[0]])).toEqual([
      ['/paths/~1devices/get/parameters/0', 'left out'],
      ['/paths/~1token/post/parameters/0', 'the API key of the scheme `AuthorizationHeader`'],
    ]);
    expect(entries(report, 'auth-scheme')).toEqual(['/components/securitySchemes/signed: Security scheme `signed` (http) is not represented.']);
  });
});

