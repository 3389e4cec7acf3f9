/**
 * Header params named `Accept` or `Content-Type`, which OpenAPI says to
 * ignore (Blockfrost requires `Content-Type: application/cbor` beside its CBOR
 * body; ReadMe's API takes an `accept` param): they are no method param, CLI
 * flag or tool argument on any surface, and the request still carries the
 * media types of the body sent and the response parsed. The MCP server used
 * to leave them out while the client and CLI required them.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('Accept and Content-Type header params', () => {
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('media-header-params', join(tempDir('media-header-params'), 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Ledger', version: '1' },
      servers: [{ url }],
      paths: {
        '/tx/submit': {
          post: {
            operationId: 'submitTx',
            parameters: [{ in: 'header', name: 'Content-Type', required: true, schema: { type: 'string', enum: ['application/cbor'] } }],
            requestBody: { required: true, content: { 'application/cbor': { schema: { type: 'string' } } } },
            responses: ok,
          },
        },
        '/answers': {
          get: {
            operationId: 'listAnswers',
            parameters: [
              { in: 'header', name: 'accept', schema: { type: 'string', enum: ['application/json', 'text/event-stream'], default: 'application/json' } },
              { in: 'query', name: 'q', schema: { type: 'string' } },
            ],
            responses: ok,
          },
        },
      },
    })));
    rec.route('POST', /./, () => ({ body: { ok: true } }));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('are no params, and each is reported where it is declared', () => {
    expect(op(imported.spec, 'post', '/tx/submit').params.filter((p) => p.in === 'header')).toEqual([]);
    expect(op(imported.spec, 'get', '/answers').params.map((p) => p.wireName)).toEqual(['q']);
    expect(imported.report.filter((e) => e.code === 'media-header-param').map((e) => e.pointer)).toEqual([
      '/paths/~1answers/get/parameters/0',
      '/paths/~1tx~1submit/post/parameters/0',
    ]);
  });

  it('the client, the CLI and the MCP server send the media types of the body and the response', async () => {
    const { default: Ledger } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const client = new Ledger({ apiKey: 'k' });
    const submit = op(imported.spec, 'post', '/tx/submit');
    const answers = op(imported.spec, 'get', '/answers');
    expect([submit.names.clientPath, answers.names.clientPath]).toEqual([['tx', 'submit'], ['answers', 'retrieve']]);
    await client.tx.submit({ body: '84a4' });
    expect([rec.requests.at(-1)!.headers['content-type'], rec.requests.at(-1)!.body]).toEqual(['application/cbor', '84a4']);
    await client.answers.retrieve({ q: 'x' });
    expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers.accept]).toEqual(['/answers?q=x', 'application/json']);

    const cli = await runBin(built.cliBin, [answers.names.cliGroup, answers.names.cliCommand, '--q', 'y'], {});
    expect(cli.code, cli.stderr).toBe(0);
    expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers.accept]).toEqual(['/answers?q=y', 'application/json']);
    const refused = await runBin(built.cliBin, [answers.names.cliGroup, answers.names.cliCommand, '--accept', 'text/event-stream'], {});
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--accept/);

    const mcp = await connectMcp(built.mcpBin, [], { LEDGER_BASE_URL: rec.url });
    try {
      const tool = (await mcp.client.listTools()).tools.find((t) => t.name === submit.names.mcpTool)!;
      expect(Object.keys((tool.inputSchema.properties ?? {}) as object).some((k) => /content/i.test(k))).toBe(false);
      const result = await mcp.client.callTool({ name: answers.names.mcpTool, arguments: { q: 'z' } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect([rec.requests.at(-1)!.url, rec.requests.at(-1)!.headers.accept]).toEqual(['/answers?q=z', 'application/json']);
    } finally {
      await mcp.close();
    }
  });
});
