/**
 * A form-urlencoded body with a file field: Swagger 2.0 allows `type: file`
 * under `consumes: application/x-www-form-urlencoded` (a barcode API's
 * `POST /barcode/decode` writes it), and the 3.0 conversion keeps it as a
 * binary string in the urlencoded form. A urlencoded form cannot carry a
 * file's bytes, and the file used to be dropped from the request (an empty
 * body, while the CLI's help promised multipart). Such a body is sent as
 * `multipart/form-data` on every surface, reported; a form without a file
 * stays urlencoded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

describe('a form-urlencoded body with a file field', () => {
  const dir = tempDir('form-file-body');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('form-file-body', join(dir, 'doc'), (url) => ({
      swagger: '2.0',
      info: { title: 'Barcodes', version: '1' },
      host: new URL(url).host,
      schemes: ['http'],
      paths: {
        '/decode': {
          post: {
            operationId: 'decodeBarcode',
            consumes: ['application/x-www-form-urlencoded'],
            parameters: [
              { name: 'image', in: 'formData', type: 'file', required: true },
              { name: 'format', in: 'formData', type: 'string' },
            ],
            responses: { '200': { description: 'ok', schema: { type: 'object' } } },
          },
        },
        '/encode': {
          post: {
            operationId: 'encodeBarcode',
            consumes: ['application/x-www-form-urlencoded'],
            parameters: [{ name: 'text', in: 'formData', type: 'string', required: true }],
            responses: { '200': { description: 'ok', schema: { type: 'object' } } },
          },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is a multipart body with the file among its uploads, reported; a form without one stays urlencoded', () => {
    expect(op(imported.spec, 'post', '/decode').body).toMatchObject({ contentType: 'multipart/form-data', encoding: 'multipart', files: ['image'] });
    expect(op(imported.spec, 'post', '/encode').body).toMatchObject({ contentType: 'application/x-www-form-urlencoded', encoding: 'form' });
    expect(entries(imported.report, 'form-file-multipart')).toEqual([
      '/paths/~1decode/post/requestBody/content/application~1x-www-form-urlencoded: The form body `application/x-www-form-urlencoded` has a file field: it is sent as `multipart/form-data`, since a urlencoded form cannot carry a file.',
    ]);
  });

  it('sends the file part (name and bytes) from the client, the CLI and the MCP tool', async () => {
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const decode = op(imported.spec, 'post', '/decode');
    const upload = join(dir, 'code.png');
    writeFileSync(upload, 'PNG1');
    const { default: Barcodes } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const path = decode.names.clientPath;
    const owner = path.slice(0, -1).reduce((o: Record<string, any>, k) => o[k], new Barcodes());
    await owner[path[path.length - 1]!]({ image: new File(['PNG0'], 'a.png', { type: 'image/png' }), format: 'qr' });
    const cli = await runBin(built.cliBin, [decode.names.cliGroup, decode.names.cliCommand, '--image', `@${upload}`], { BARCODES_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { BARCODES_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: decode.names.mcpTool, arguments: { image: { base64: Buffer.from('PNG2').toString('base64'), filename: 'b.png' } } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    const parts = rec.requests.map((r) => {
      const found = [...r.body.matchAll(/Content-Disposition: form-data; name="([^"]+)"(?:; filename="([^"]+)")?\r\n(?:Content-Type: [^\r]*\r\n)?\r\n([^\r]*)/g)];
      return [r.path, r.headers['content-type']?.split(';')[0], found.map((m) => m.slice(1).filter((x) => x !== undefined))];
    });
    expect(parts).toEqual([
      ['/decode', 'multipart/form-data', [['image', 'a.png', 'PNG0'], ['format', 'qr']]],
      ['/decode', 'multipart/form-data', [['image', 'code.png', 'PNG1']]],
      ['/decode', 'multipart/form-data', [['image', 'b.png', 'PNG2']]],
    ]);
  });
});
