/**
 * A form-urlencoded body whose schema is a string: Spoonacular's
 * `POST /food/detect` and `/recipes/parseIngredients` declare
 * `application/x-www-form-urlencoded` with `type: string` and an encoded form
 * as the example (`text=I like tacos`). A form is built from an object of
 * fields, so every call of such an operation failed before a request, from the
 * client, the CLI and the MCP tool alike. The string is the encoded form: it is
 * sent as-is with the form's content type, reported; a form of fields is
 * unchanged.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const FORM = 'application/x-www-form-urlencoded';
const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

describe('a form body typed as a string', () => {
  const dir = tempDir('form-text-body');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('form-text-body', join(dir, 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Foods', version: '1' },
      servers: [{ url }],
      paths: {
        '/detect': {
          post: {
            operationId: 'detectFood',
            requestBody: { required: true, content: { [FORM]: { schema: { type: 'string' }, example: 'text=I like tacos' } } },
            responses: ok,
          },
        },
        '/classify': {
          post: {
            operationId: 'classifyFood',
            requestBody: { required: true, content: { [FORM]: { schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } } } } },
            responses: ok,
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is sent as-is with the form type, reported; a form of fields stays one', () => {
    expect(op(imported.spec, 'post', '/detect').body).toMatchObject({ contentType: FORM, encoding: 'raw', schema: { kind: 'string' } });
    expect(op(imported.spec, 'post', '/classify').body).toMatchObject({ contentType: FORM, encoding: 'form', flattened: true });
    expect(entries(imported.report, 'form-body-text')).toEqual([
      '/paths/~1detect/post/requestBody/content/application~1x-www-form-urlencoded: The form body `application/x-www-form-urlencoded` is a string: it is sent as-is, already encoded.',
    ]);
  });

  it('goes out from the client, the CLI and the MCP tool', async () => {
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const detect = op(imported.spec, 'post', '/detect');
    const { default: Foods } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const path = detect.names.clientPath;
    const owner = path.slice(0, -1).reduce((o: Record<string, any>, k) => o[k], new Foods());
    await owner[path[path.length - 1]!]({ body: 'text=I+like+tacos' });
    const cli = await runBin(built.cliBin, [detect.names.cliGroup, detect.names.cliCommand, '--data', 'text=pizza'], { FOODS_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { FOODS_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: detect.names.mcpTool, arguments: { body: 'text=cheddar' } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    expect(rec.requests.map((r) => [r.path, r.headers['content-type'], r.body])).toEqual([
      ['/detect', FORM, 'text=I+like+tacos'],
      ['/detect', FORM, 'text=pizza'],
      ['/detect', FORM, 'text=cheddar'],
    ]);
  });
});
