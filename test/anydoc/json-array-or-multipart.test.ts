/**
 * A body offered as JSON and as multipart whose JSON form is no object of
 * fields (Mist's asset import: a JSON array of assets, or a CSV file as
 * multipart): the two forms share no fields, so the body is the multipart
 * one, reported. It used to be JSON-or-multipart, sent as JSON `{}` (which
 * the array schema refuses) whenever no file was given. When the multipart
 * form is no object of parts either (Slicebox's list of image IDs, an array
 * under JSON, octet-stream and multipart alike), the body is the JSON one: as
 * multipart, every call failed before a request.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('a JSON-or-multipart body whose JSON form is an array', () => {
  const dir = tempDir('json-array-or-multipart');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('json-array-or-multipart', join(dir, 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Sites', version: '1' },
      servers: [{ url }],
      paths: {
        '/assets/import': {
          post: {
            operationId: 'importAssets',
            requestBody: {
              content: {
                'application/json': { schema: { type: 'array', items: { type: 'object', properties: { mac: { type: 'string' } } } } },
                'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
              },
            },
            responses: ok,
          },
        },
        '/images/export': {
          post: {
            operationId: 'exportImages',
            requestBody: {
              required: true,
              content: Object.fromEntries(['application/json', 'application/octet-stream', 'multipart/form-data'].map((t) => [t, { schema: { type: 'array', items: { type: 'integer' } } }])),
            },
            responses: ok,
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is the multipart body, with the JSON form reported as left out', () => {
    const body = op(imported.spec, 'post', '/assets/import').body!;
    expect([body.contentType, body.encoding, body.alternatives, body.files]).toEqual(['multipart/form-data', 'multipart', ['application/json'], ['file']]);
    expect(entries(imported.report, 'body-merge-skipped')).toEqual([
      '/paths/~1assets~1import/post/requestBody: The `application/json` schema is not an object with properties, so it shares no fields with `multipart/form-data`: the body is sent as `multipart/form-data`.',
    ]);
  });

  it('goes as multipart from the client, the CLI and the MCP tool, with or without the file; never as JSON `{}`', async () => {
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const { default: Sites } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const call = op(imported.spec, 'post', '/assets/import').names;
    const client = new Sites();
    const method = () => call.clientPath.slice(0, -1).reduce((o, k) => o[k], client as Record<string, any>);
    await method()[call.clientPath.at(-1)!]();
    await method()[call.clientPath.at(-1)!]({ file: new File(['mac\na1'], 'assets.csv', { type: 'text/csv' }) });
    const cli = await runBin(built.cliBin, [call.cliGroup, call.cliCommand], { SITES_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { SITES_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: call.mcpTool, arguments: {} });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(rec.requests.map((r) => [r.path, r.headers['content-type']?.split(';')[0], r.body.includes('filename="assets.csv"')])).toEqual([
      ['/assets/import', 'multipart/form-data', false],
      ['/assets/import', 'multipart/form-data', true],
      ['/assets/import', 'multipart/form-data', false],
      ['/assets/import', 'multipart/form-data', false],
    ]);
    expect(rec.requests.some((r) => r.body === '{}')).toBe(false);
  });

  it('is the JSON body when the multipart form is no object of parts either, from the client, the CLI and the MCP tool', async () => {
    const body = op(imported.spec, 'post', '/images/export').body!;
    expect([body.contentType, body.encoding, body.alternatives, body.schema.kind]).toEqual(['application/json', undefined, ['multipart/form-data', 'application/octet-stream'], 'array']);
    expect(entries(imported.report, 'body-json-not-multipart')).toEqual([
      '/paths/~1images~1export/post/requestBody: The `multipart/form-data` schema is no object of named parts, so a client cannot send it: the body is sent as `application/json`.',
    ]);
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const { default: Sites } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const call = op(imported.spec, 'post', '/images/export').names;
    const owner = call.clientPath.slice(0, -1).reduce((o, k) => o[k], new Sites() as Record<string, any>);
    await owner[call.clientPath.at(-1)!]({ body: [1, 2] });
    const cli = await runBin(built.cliBin, [call.cliGroup, call.cliCommand, '--data', '[3]'], { SITES_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { SITES_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: call.mcpTool, arguments: { body: [4, 5] } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(rec.requests.map((r) => [r.path, r.headers['content-type'], r.body])).toEqual([
      ['/images/export', 'application/json', '[1,2]'],
      ['/images/export', 'application/json', '[3]'],
      ['/images/export', 'application/json', '[4,5]'],
    ]);
  });
});
