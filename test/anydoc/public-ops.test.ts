/**
 * An API with a security scheme and operations without security (a public
 * status or lookup beside private ones): the client is made without a key and
 * calls the public ones, the CLI and the MCP server likewise; only the others
 * fail, naming the key. All three used to refuse every call without a key.
 * (Where every operation needs a key, the constructor still asks for it, as
 * openai-node's does.)
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('public operations beside private ones', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('public-ops', join(tempDir('public-ops'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Pub', version: '1' },
      servers: [{ url }],
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
      paths: {
        '/status': { get: { operationId: 'getStatus', responses: ok } },
        '/private': { get: { operationId: 'getPrivate', security: [{ key: [] }], responses: ok } },
        // Anonymous or with a key (an empty requirement): the key goes when the client has one.
        '/maybe': { get: { operationId: 'getMaybe', security: [{}, { key: [] }], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('an empty security requirement makes the key optional: sent when held', async () => {
    const maybe = op(imported.spec, 'get', '/maybe');
    expect([maybe.security, maybe.securityOptional]).toEqual([['key'], true]);
    expect(imported.report.filter((e) => e.code === 'security-optional').map((e) => e.pointer)).toEqual(['/paths/~1maybe/get']);
    const { default: Pub } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    await new Pub().maybe.retrieve();
    expect(rec.requests.at(-1)!.headers['x-key']).toBeUndefined();
    await new Pub({ apiKey: 'k2' }).maybe.retrieve();
    expect(rec.requests.at(-1)!.headers['x-key']).toBe('k2');
    const cli = await runBin(built.cliBin, [maybe.names.cliGroup, maybe.names.cliCommand], {});
    expect([cli.code, rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers['x-key']]).toEqual([0, '/maybe', undefined]);
  });

  it('the client is made without a key, calls the public one, and refuses the other naming the key', async () => {
    const { default: Pub } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const client = new Pub();
    await client.status.retrieve();
    expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers['x-key']]).toEqual(['/status', undefined]);
    await expect(client.private.retrieve()).rejects.toThrow(/PUB_API_KEY/);
    await new Pub({ apiKey: 'k1' }).private.retrieve();
    expect(rec.requests.at(-1)!.headers['x-key']).toBe('k1');
  });

  it('the CLI and the MCP server call the public one without a key', async () => {
    const status = op(imported.spec, 'get', '/status');
    const priv = op(imported.spec, 'get', '/private');
    const cli = await runBin(built.cliBin, [status.names.cliGroup, status.names.cliCommand], {});
    expect(cli.code, cli.stderr).toBe(0);
    const refused = await runBin(built.cliBin, [priv.names.cliGroup, priv.names.cliCommand], {});
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/missing API key[\s\S]*PUB_API_KEY/)]);
    const mcp = await connectMcp(built.mcpBin, [], { PUB_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: status.names.mcpTool, arguments: {} });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(rec.requests.at(-1)!.url).toBe('/status');
      const denied = await mcp.client.callTool({ name: priv.names.mcpTool, arguments: {} });
      expect([denied.isError, JSON.stringify(denied.content)]).toEqual([true, expect.stringMatching(/set PUB_API_KEY in the MCP server's environment/)]);
    } finally {
      await mcp.close();
    }
  });
});

describe('a key for another scheme than the operation accepts', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('other-scheme', join(tempDir('other-scheme'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Two', version: '1' },
      servers: [{ url }],
      components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' }, token: { type: 'apiKey', in: 'header', name: 'X-Token' } } },
      paths: {
        '/a': { get: { operationId: 'getA', security: [{ basicAuth: [] }], responses: ok } },
        '/b': { get: { operationId: 'getB', security: [{ token: [] }], responses: ok } },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('the CLI names the flag and env var to give, the MCP server the env var; help says user:password for basic', async () => {
    expect(imported.spec.auth.map((a) => [a.name, a.clientOption, a.envVar])).toEqual([
      ['basicAuth', 'basicAuth', 'TWO_BASIC_AUTH'],
      ['token', 'token', 'TWO_TOKEN'],
    ]);
    const b = op(imported.spec, 'get', '/b');
    const cli = await runBin(built.cliBin, [b.names.cliGroup, b.names.cliCommand, '--basic-auth', 'u:p'], {});
    expect([cli.code, cli.stderr]).toEqual([2, `error: '${b.names.cliGroup} ${b.names.cliCommand}' needs a key you did not give\nhint: pass --token (or TWO_TOKEN)\n`]);
    expect(rec.requests).toHaveLength(0);
    const help = await runBin(built.cliBin, ['--help'], {});
    expect(help.stdout).toMatch(/--basic-auth USER:PASSWORD\s+HTTP basic credentials as user:password \(default: env TWO_BASIC_AUTH\)/);
    const mcp = await connectMcp(built.mcpBin, [], { TWO_BASE_URL: rec.url, TWO_BASIC_AUTH: 'u:p' });
    try {
      const denied = await mcp.client.callTool({ name: b.names.mcpTool, arguments: {} });
      expect([denied.isError, (denied.content as Array<{ text: string }>)[0]!.text]).toEqual([true, "This tool needs a key the server does not have: set TWO_TOKEN in the MCP server's environment (it reads keys from there only)."]);
    } finally {
      await mcp.close();
    }
  });
});
