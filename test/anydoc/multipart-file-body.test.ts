/**
 * A multipart body whose schema is not an object of fields: one file
 * (`type: string, format: binary`, as Jira's attachments write it), a bare
 * string (LibreTranslate's `/translate_file`) or no schema at all (`{}`, as
 * Codat's attachment uploads write it). There is no part name, and a call
 * used to fail with "must be an object of fields". It is one upload field
 * `file` on every surface, and the import warns. An array body cannot be
 * sent: it is reported as not represented.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

describe('a multipart body that is one file', () => {
  const dir = tempDir('multipart-file-body');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('multipart-file-body', join(dir, 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Tracker', version: '1' },
      servers: [{ url }],
      paths: {
        '/issues/{id}/attachments': {
          post: { operationId: 'addAttachment', parameters: [id], requestBody: { content: { 'multipart/form-data': { schema: { type: 'string', format: 'binary' } } } }, responses: ok },
        },
        '/bills/{id}/attachments': {
          post: { operationId: 'uploadBillAttachment', parameters: [id], requestBody: { required: true, content: { 'multipart/form-data': { schema: {} } } }, responses: ok },
        },
        '/translate_file': {
          post: { operationId: 'translateFile', requestBody: { content: { 'multipart/form-data': { schema: { type: 'string', example: 'xxxxxxxx' } } } }, responses: ok },
        },
        // An object of fields, and a schema that is not a file, are left as they are.
        '/notes': {
          post: { operationId: 'createNote', requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { text: { type: 'string' } } } } } }, responses: ok },
        },
        '/columns': {
          put: { operationId: 'setColumns', requestBody: { content: { 'multipart/form-data': { schema: { type: 'array', items: { type: 'string' } } } } }, responses: ok },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  it('is the upload field `file`, reported; other multipart bodies keep their shape', () => {
    const issue = op(imported.spec, 'post', '/issues/{id}/attachments');
    const bill = op(imported.spec, 'post', '/bills/{id}/attachments');
    const fileParam = (o: typeof issue) => o.params.filter((p) => p.in === 'body').map((p) => [p.name, p.required]);
    expect([fileParam(issue), issue.body?.files, fileParam(bill), bill.body?.files]).toEqual([[['file', false]], ['file'], [['file', true]], ['file']]);
    expect(op(imported.spec, 'post', '/notes').body?.files).toBeUndefined();
    expect(op(imported.spec, 'put', '/columns').body?.flattened).toBe(false);
    expect(op(imported.spec, 'post', '/translate_file').body?.files).toEqual(['file']);
    expect(entries(imported.report, 'multipart-file-part')).toEqual([
      '/paths/~1bills~1{id}~1attachments/post/requestBody/content/multipart~1form-data/schema: The multipart body is one file without a part name: it is sent as the upload field `file`.',
      '/paths/~1issues~1{id}~1attachments/post/requestBody/content/multipart~1form-data/schema: The multipart body is one file without a part name: it is sent as the upload field `file`.',
      '/paths/~1translate_file/post/requestBody/content/multipart~1form-data/schema: The multipart body is one file without a part name: it is sent as the upload field `file`.',
    ]);
    expect(entries(imported.report, 'multipart-not-object')).toEqual([
      '/paths/~1columns/put/requestBody/content/multipart~1form-data/schema: The multipart body is an array, not an object of named parts: a client cannot send it.',
    ]);
  });

  it('is sent as the part `file` by the client, the CLI and the MCP tool', async () => {
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const upload = join(dir, 'shot.png');
    writeFileSync(upload, 'PNG1');
    const { default: Tracker } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const issue = op(imported.spec, 'post', '/issues/{id}/attachments');
    const bill = op(imported.spec, 'post', '/bills/{id}/attachments');
    await new Tracker()[issue.names.clientPath[0]!][issue.names.clientPath[1]!][issue.names.clientPath[2]!]('i1', { file: new File(['PNG0'], 'a.png', { type: 'image/png' }) });
    const cli = await runBin(built.cliBin, [bill.names.cliGroup, bill.names.cliCommand, 'b1', '--file', `@${upload}`], { TRACKER_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const translate = op(imported.spec, 'post', '/translate_file');
    const text = await runBin(built.cliBin, [translate.names.cliGroup, translate.names.cliCommand, '--file', `@${upload}`], { TRACKER_BASE_URL: rec.url });
    expect(text.code, text.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { TRACKER_BASE_URL: rec.url });
    try {
      const result = await mcp.client.callTool({ name: issue.names.mcpTool, arguments: { id: 'i2', file: { base64: Buffer.from('PNG2').toString('base64'), filename: 'c.txt' } } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    const parts = rec.requests.map((r) => {
      const disposition = /Content-Disposition: form-data; name="([^"]+)"; filename="([^"]+)"\r\n(?:Content-Type: [^\r]*\r\n)?\r\n([^\r]*)/.exec(r.body);
      return [r.path, r.headers['content-type']?.split(';')[0], disposition?.slice(1)];
    });
    expect(parts).toEqual([
      ['/issues/i1/attachments', 'multipart/form-data', ['file', 'a.png', 'PNG0']],
      ['/bills/b1/attachments', 'multipart/form-data', ['file', 'shot.png', 'PNG1']],
      ['/translate_file', 'multipart/form-data', ['file', 'shot.png', 'PNG1']],
      ['/issues/i2/attachments', 'multipart/form-data', ['file', 'c.txt', 'PNG2']],
    ]);
  });
});
