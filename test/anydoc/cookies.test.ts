/**
 * Cookie parameters (`in: cookie`): typed params of the client, flags of the
 * CLI and arguments of the MCP tools like any other, sent as `name=value`
 * pairs in one `Cookie` header (values percent-encoded, arrays comma-joined)
 * by every surface; a name shared with another location is renamed as those
 * are. They used to be left out and reported as not representable. So does
 * an API key in a cookie (an `apiKey` security scheme `in: cookie`).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, typecheckClients, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const dir = tempDir('cookies');

describe('cookie parameters', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('cookies', join(dir, 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Crumbs', version: '1' },
      servers: [{ url: `${url}/v1` }],
      security: [{ sid: [] }],
      components: { securitySchemes: { sid: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
      paths: {
        '/session': {
          get: {
            operationId: 'getSession',
            parameters: [
              { name: 'session_id', in: 'cookie', required: true, schema: { type: 'string' } },
              { name: 'prefs', in: 'cookie', schema: { type: 'array', items: { type: 'string' } } },
              { name: 'limit', in: 'query', schema: { type: 'integer' } },
              { name: 'limit', in: 'cookie', schema: { type: 'integer' } },
            ],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('are params like any other (a shared name renamed by location), with nothing reported as left out', () => {
    expect(op(imported.spec, 'get', '/session').params.map((p) => [p.name, p.wireName, p.in, p.required])).toEqual([
      ['session_id', 'session_id', 'cookie', true],
      ['prefs', 'prefs', 'cookie', false],
      ['limit', 'limit', 'query', false],
      ['cookie_limit', 'limit', 'cookie', false],
    ]);
    expect(entries(imported.report, 'cookie-param')).toEqual([]);
    expect(entries(imported.report, 'param-renamed')).toHaveLength(1);
    expect(imported.spec.auth.map((a) => [a.kind, a.paramName])).toEqual([['apiKeyCookie', 'sid']]);
    expect(entries(imported.report, 'auth-scheme')).toEqual([]);
  });

  it('are typed params of the client, which type-checks', () => {
    const client = join(built.dir, 'client');
    expect(typecheckClients([client]).get(client)).toEqual([]);
  });

  it('client, CLI and MCP tool send them in one Cookie header', async () => {
    const { default: Crumbs } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const auth = imported.spec.auth[0]!;
    await new Crumbs({ [auth.clientOption]: 'k=1' }).session.retrieve({ session_id: 'a b;c', prefs: ['x', 'y'], limit: 5, cookie_limit: 7 });
    const fromClient = rec.requests.at(-1)!;
    expect([fromClient.url, fromClient.headers.cookie]).toEqual(['/v1/session?limit=5', 'sid=k%3D1; session_id=a%20b%3Bc; prefs=x%2Cy; limit=7']);

    const cli = await runBin(built.cliBin, ['session', 'retrieve', '--session-id', 's1', '--cookie-limit', '3'], { [auth.envVar]: 'k2' });
    expect(cli.code, cli.stderr).toBe(0);
    expect(rec.requests.at(-1)!.headers.cookie).toBe('sid=k2; session_id=s1; limit=3');

    const mcp = await connectMcp(built.mcpBin, [], { [auth.envVar]: 'k3' });
    try {
      const { tools } = await mcp.client.listTools();
      const tool = tools.find((t) => t.name.endsWith('get_session'))!;
      expect((tool.inputSchema as { required?: string[] }).required).toContain('session_id');
      const result = await mcp.client.callTool({ name: tool.name, arguments: { session_id: 's2', prefs: ['p'] } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(rec.requests.at(-1)!.headers.cookie).toBe('sid=k3; session_id=s2; prefs=p');
    } finally {
      await mcp.close();
    }
  });
});
