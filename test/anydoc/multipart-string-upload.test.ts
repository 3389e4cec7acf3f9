/**
 * Multipart fields the document types as a plain string although they hold
 * the upload (Stripe's `POST /v1/files` and Linode's ticket attachments write
 * `file: { type: string }`, no `format: binary`): a bare string named as a
 * file (`file`, `files` for an array), or one whose `encoding` entry gives a
 * `contentType` of bytes, is a file on every surface, and the import says so.
 * A form body's `file` (a file ID, as Slack's), a `file` with an enum, a
 * textual part type and any other bare string stay strings.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorder } from '../support/http-recorder.js';
import { connectMcp, runBin, type Built, type Imported } from '../support/pipeline.js';
import { entries, importTree, op, recordedApi, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const text = { type: 'string' };
const multipart = (schema: object, encoding?: object) => ({ content: { 'multipart/form-data': { schema, ...(encoding ? { encoding } : {}) } } });

describe('multipart fields typed as plain strings that hold the upload', () => {
  const dir = tempDir('multipart-string-upload');
  let imported: Imported;
  let built: Built;
  let rec: Recorder;
  beforeAll(async () => {
    ({ imported, built, rec } = await recordedApi('multipart-string-upload', join(dir, 'doc'), (url) => ({
      openapi: '3.0.3',
      info: { title: 'Docs', version: '1' },
      servers: [{ url }],
      paths: {
        '/documents': {
          post: {
            operationId: 'createDocument',
            requestBody: { required: true, ...multipart({ type: 'object', required: ['file'], properties: { file: { type: 'string', description: 'A file to upload.' }, title: text } }) },
            responses: ok,
          },
        },
        '/images': {
          post: {
            operationId: 'createImage',
            requestBody: multipart({ type: 'object', properties: { blob: text, caption: text } }, { blob: { contentType: 'application/octet-stream' }, caption: { contentType: 'text/plain' } }),
            responses: ok,
          },
        },
        '/bundles': {
          post: { operationId: 'createBundle', requestBody: multipart({ type: 'object', properties: { files: { type: 'array', items: text } } }), responses: ok },
        },
        '/stars': {
          post: {
            operationId: 'addStar',
            requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { file: { type: 'string', description: 'ID of the file.' } } } } } },
            responses: ok,
          },
        },
        '/exports': {
          post: { operationId: 'createExport', requestBody: multipart({ type: 'object', properties: { file: { type: 'string', enum: ['csv', 'json'] } } }), responses: ok },
        },
      },
    })));
  }, 120_000);
  afterAll(async () => rec?.close());

  const body = (method: string, path: string) => {
    const o = op(imported.spec, method, path);
    return { files: o.body?.files, kinds: Object.fromEntries(o.params.filter((p) => p.in === 'body').map((p) => [p.name, p.schema.kind === 'array' ? `${p.schema.items.kind}[]` : p.schema.kind])) };
  };

  it('types a bare-string file part as a file, lists it in body.files and reports why', () => {
    expect(body('post', '/documents')).toEqual({ files: ['file'], kinds: { file: 'file', title: 'string' } });
    expect(body('post', '/images')).toEqual({ files: ['blob'], kinds: { blob: 'file', caption: 'string' } });
    expect(body('post', '/bundles')).toEqual({ files: ['files'], kinds: { files: 'file[]' } });
    expect(body('post', '/stars')).toEqual({ files: undefined, kinds: { file: 'string' } });
    expect(body('post', '/exports')).toEqual({ files: undefined, kinds: { file: 'string' } });
    expect(op(imported.spec, 'post', '/documents').params.find((p) => p.name === 'file')?.schema).toMatchObject({ kind: 'file', description: 'A file to upload.' });
    expect(entries(imported.report, 'multipart-string-upload')).toEqual([
      '/paths/~1bundles/post/requestBody/content/multipart~1form-data: Multipart fields typed as plain strings are sent as uploads: `files` (named as a file).',
      '/paths/~1documents/post/requestBody/content/multipart~1form-data: Multipart fields typed as plain strings are sent as uploads: `file` (named as a file).',
      '/paths/~1images/post/requestBody/content/multipart~1form-data: Multipart fields typed as plain strings are sent as uploads: `blob` (`encoding` contentType `application/octet-stream`).',
    ]);
  });

  it('makes the client type take an upload there', () => {
    const types = readdirSync(join(built.dir, 'client/src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(built.dir, 'client/src', f), 'utf8'))
      .join('\n');
    expect(types).toMatch(/\bfile: Uploadable;/);
    expect(types).toMatch(/\bblob\?: Uploadable;/);
    expect(types).toMatch(/\bfiles\?: Array<Uploadable>;/);
    expect(types).toMatch(/\btitle\?: string;/);
  });

  it('sends a file part (file name and bytes) from the client, the CLI and the MCP tool', async () => {
    rec.reset();
    rec.setFallback(() => ({ body: { ok: true } }));
    const upload = join(dir, 'scan.pdf');
    writeFileSync(upload, 'PDF1');
    const { default: Docs } = (await import(pathToFileURL(join(built.dir, 'client/dist/index.js')).href)) as { default: new (o?: object) => Record<string, any> };
    const documents = op(imported.spec, 'post', '/documents');
    const images = op(imported.spec, 'post', '/images');
    const bundles = op(imported.spec, 'post', '/bundles');
    const call = (client: Record<string, any>, path: string[]): ((params: object) => Promise<unknown>) => path.reduce((o: any, k) => (typeof o[k] === 'function' ? o[k].bind(o) : o[k]), client);
    await call(new Docs(), documents.names.clientPath)({ file: new File(['PDF0'], 'a.pdf', { type: 'application/pdf' }), title: 'T' });
    const cli = await runBin(built.cliBin, [images.names.cliGroup, images.names.cliCommand, '--blob', `@${upload}`, '--caption', 'hi'], { DOCS_BASE_URL: rec.url });
    expect(cli.code, cli.stderr).toBe(0);
    const mcp = await connectMcp(built.mcpBin, [], { DOCS_BASE_URL: rec.url });
    try {
      const file = (data: string, filename: string) => ({ base64: Buffer.from(data).toString('base64'), filename });
      const result = await mcp.client.callTool({ name: bundles.names.mcpTool, arguments: { files: [file('PDF2', 'b.txt'), file('PDF3', 'c.txt')] } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await mcp.close();
    }
    const parts = rec.requests.map((r) => {
      const found = [...r.body.matchAll(/Content-Disposition: form-data; name="([^"]+)"(?:; filename="([^"]+)")?\r\n(?:Content-Type: ([^\r]*)\r\n)?\r\n([^\r]*)/g)];
      return [r.path, r.headers['content-type']?.split(';')[0], found.map((m) => m.slice(1).filter((x) => x !== undefined))];
    });
    expect(parts).toEqual([
      ['/documents', 'multipart/form-data', [['file', 'a.pdf', 'application/pdf', 'PDF0'], ['title', 'T']]],
      ['/images', 'multipart/form-data', [['blob', 'scan.pdf', 'application/pdf', 'PDF1'], ['caption', 'text/plain', 'hi']]],
      ['/bundles', 'multipart/form-data', [['files', 'b.txt', expect.any(String), 'PDF2'], ['files', 'c.txt', expect.any(String), 'PDF3']]],
    ]);
  });
});

describe('which multipart bare strings are uploads', () => {
  const dir = tempDir('multipart-string-upload-rules');

  it('takes a file-like name with a separator or case boundary, or a bytes part type; keeps the rest', async () => {
    const fields = { audio_file: text, imageFile: text, 'csv-file': text, profile: text, file_id: text, file_name: text, filename: text, picture: text, thumb: text, sheet: text, data: text, file: { type: 'string', default: 'x' } };
    const encoding = { picture: { contentType: 'image/png, image/jpeg' }, thumb: { contentType: 'image/*' }, sheet: { contentType: 'text/csv' }, data: { contentType: '*/*' } };
    const imported = await importTree(join(dir, 'names'), {
      'openapi.yaml': {
        openapi: '3.1.0',
        info: { title: 'Rules', version: '1' },
        paths: {
          '/things': { post: { operationId: 'createThing', requestBody: multipart({ type: 'object', properties: fields }, encoding), responses: ok } },
          // JSON beside multipart: a field the JSON form declares too is text there.
          '/edits': {
            post: {
              operationId: 'createEdit',
              requestBody: {
                content: {
                  'application/json': { schema: { type: 'object', properties: { file: text } } },
                  'multipart/form-data': { schema: { type: 'object', properties: { file: text, upload_file: text } } },
                },
              },
              responses: ok,
            },
          },
          // OpenAPI 3.1: a style makes the field text pairs.
          '/styled': { post: { operationId: 'createStyled', requestBody: multipart({ type: 'object', properties: { file: text } }, { file: { style: 'form' } }), responses: ok } },
        },
      },
    });
    expect(op(imported.spec, 'post', '/things').body?.files).toEqual(['audio_file', 'imageFile', 'csv_file', 'picture', 'thumb']);
    expect(op(imported.spec, 'post', '/edits').body?.files).toEqual(['upload_file']);
    expect(op(imported.spec, 'post', '/styled').body?.files).toBeUndefined();
    expect(entries(imported.report, 'multipart-string-upload')).toEqual([
      '/paths/~1edits/post/requestBody/content/multipart~1form-data: Multipart fields typed as plain strings are sent as uploads: `upload_file` (named as a file).',
      '/paths/~1things/post/requestBody/content/multipart~1form-data: Multipart fields typed as plain strings are sent as uploads: `audio_file` (named as a file), `imageFile` (named as a file), `csv-file` (named as a file), `picture` (`encoding` contentType `image/png, image/jpeg`), `thumb` (`encoding` contentType `image/*`).',
    ]);
  });
});
