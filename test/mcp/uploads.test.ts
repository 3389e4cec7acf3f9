/**
 * Upload arguments through a generated MCP server (the media-io fixture),
 * driven by the SDK client over stdio against a local node:http server:
 * base64 content arrives byte-exact; a local path works only under an
 * `--allow-file-dir` directory, and `..`, symlinks and a server without the
 * flag are refused before any request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRawServer, type RawRequest, type RawServer } from '../client-runtime/support/raw-server.js';
import { repoRoot } from '../support/shared.js';
import { lintToolTable } from './lint.js';
import { connectBin, type Connected } from './helpers.js';
import { buildFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { UPLOAD_SCHEMA } from '../../generator/emit/mcp/schema.js';

type Result = { isError?: boolean; content: Array<{ type: string; text: string }>; structuredContent?: Record<string, any> };

const files = join(repoRoot, '.tmp/test-mcp-uploads-files');
const allowed = join(files, 'allowed');
const outside = join(files, 'outside');
const BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f, 0x0d, 0x0a, 0x2d, 0x2d]);

let fixture: FixtureServer;
let api: RawServer;
let withDir: Connected;
let withoutDir: Connected;

beforeAll(async () => {
  rmSync(files, { recursive: true, force: true });
  mkdirSync(join(allowed, 'sub'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(allowed, 'image.png'), BYTES);
  writeFileSync(join(allowed, 'sub/notes.jsonl'), '{"a":1}\n');
  writeFileSync(join(outside, 'secret.txt'), 'top secret');
  symlinkSync(join(outside, 'secret.txt'), join(allowed, 'link.txt'));
  symlinkSync(outside, join(allowed, 'outdir'));
  symlinkSync(join(allowed, 'image.png'), join(allowed, 'inside-link.png'));
  fixture = await buildFixtureServer('test-mcp-uploads');
  api = await startRawServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'file-1', filename: 'x', bytes: req.body.length })));
  [withDir, withoutDir] = await Promise.all([connectBin(fixture.bin, ['--allow-file-dir', allowed], fixture.env(api.url)), connectBin(fixture.bin, [], fixture.env(api.url))]);
}, 120_000);
afterAll(async () => {
  await withDir?.close();
  await withoutDir?.close();
  await api?.close();
});

async function upload(conn: Connected, file: unknown, tool = 'upload_file', extra: Record<string, unknown> = { purpose: 'test' }): Promise<Result> {
  api.requests.length = 0;
  const field = tool === 'upload_file' ? 'file' : 'image';
  return (await conn.client.callTool({ name: `media_io_${tool}`, arguments: { [field]: file, ...extra } })) as Result;
}

async function formOf(req: RawRequest): Promise<FormData> {
  return new Response(new Uint8Array(req.body), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
}

async function sentFile(field = 'file'): Promise<{ file: File; bytes: Buffer; form: FormData }> {
  expect(api.requests).toHaveLength(1);
  const form = await formOf(api.requests[0]!);
  const file = form.get(field) as File;
  return { file, bytes: Buffer.from(await file.arrayBuffer()), form };
}

describe('upload input schema', () => {
  it('describes base64 content and a local path in one small, lint-clean object', () => {
    expect(lintToolTable(fixture.table)).toEqual([]);
    const schema = fixture.table.tools.find((t) => t.name === 'media_io_upload_file')!.inputSchema as Record<string, any>;
    expect(Object.keys(schema.properties.file.properties)).toEqual(['base64', 'filename', 'mime_type', 'path']);
    expect(Buffer.byteLength(JSON.stringify(UPLOAD_SCHEMA))).toBeLessThan(330);
    // A tool with several file fields states the schema once, in $defs.
    const edit = fixture.table.tools.find((t) => t.name === 'media_io_edit_image')!.inputSchema as Record<string, any>;
    expect(edit.$defs.file_upload).toEqual(UPLOAD_SCHEMA);
    expect(JSON.stringify(edit).split('"base64"').length - 1).toBe(1);
  });
});

describe('base64 uploads', () => {
  it('arrive byte-exact with their file name and MIME type', async () => {
    const result = await upload(withoutDir, { base64: BYTES.toString('base64'), filename: 'pic.png', mime_type: 'image/png' });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const { file, bytes, form } = await sentFile();
    expect(bytes.equals(BYTES)).toBe(true);
    expect([file.name, file.type, form.get('purpose')]).toEqual(['pic.png', 'image/png', 'test']);
  });

  it('send a raw body of bytes as the bytes themselves, with the type of the body', async () => {
    api.requests.length = 0;
    const result = (await withoutDir.client.callTool({ name: 'media_io_put_blob', arguments: { name: 'b1', body: { base64: BYTES.toString('base64'), filename: 'pic.png' } } })) as Result;
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(api.requests).toHaveLength(1);
    expect([api.requests[0]!.method, api.requests[0]!.url, api.requests[0]!.headers['content-type']]).toEqual(['PUT', '/blobs/b1', 'application/octet-stream']);
    expect(Buffer.from(api.requests[0]!.body).equals(BYTES)).toBe(true);
  });

  it('take a data: URL (its type too), and name a file from its type when no filename is given', async () => {
    await upload(withoutDir, { base64: `data:image/png;base64,${BYTES.toString('base64')}` });
    const { file, bytes } = await sentFile();
    expect(bytes.equals(BYTES)).toBe(true);
    expect([file.name, file.type]).toEqual(['upload.png', 'image/png']);
  });

  it('go into arrays and union members, multipart only when a file is given', async () => {
    const png = { base64: BYTES.toString('base64'), filename: 'a.png' };
    const result = await upload(withoutDir, [png, { ...png, filename: 'b.png' }], 'edit_image', { prompt: 'p', mask: png });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const form = await formOf(api.requests[0]!);
    // OpenAPI's encoding of an array of files (no `formStyle: brackets`): repeated `image` parts.
    expect((form.getAll('image') as File[]).map((f) => f.name)).toEqual(['a.png', 'b.png']);
    expect(Buffer.from(await (form.get('mask') as File).arrayBuffer()).equals(BYTES)).toBe(true);
    await withoutDir.client.callTool({ name: 'media_io_edit_image', arguments: { prompt: 'p', image_url: 'https://x' } });
    expect(api.requests.at(-1)!.headers['content-type']).toBe('application/json');
  });

  it('refuse content that is not base64, an empty object, and an object with neither base64 nor path', async () => {
    const bad = await upload(withoutDir, { base64: 'not base64!', filename: 'x.bin' });
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toBe('file.base64 is not base64 content');
    const empty = await upload(withoutDir, { filename: 'x.bin' });
    expect(empty.isError).toBe(true);
    expect(empty.content[0]!.text).toBe('file: give base64 (file content) or path (a local file)');
    const extra = await upload(withoutDir, { base64: 'AA==', name: 'x.bin' });
    expect(extra.content[0]!.text).toBe(
      'Invalid arguments for media_io_upload_file: unknown argument "file.name". A file argument takes {"base64": "<content>", "filename": "a.png", "mime_type": "image/png"} or {"path": "<local file>"}',
    );
    const none = await upload(withoutDir, {});
    expect(none.content[0]!.text).toMatch(/^Invalid arguments for media_io_upload_file: "file" must NOT have fewer than 1 properties\. A file argument takes \{"base64"/);
    const text = await upload(withoutDir, 'hello');
    expect(text.content[0]!.text).toMatch(/^Invalid arguments for media_io_upload_file: "file" must be object\. A file argument takes \{"base64"/);
    expect(api.requests).toHaveLength(0);
  });
});

describe('path uploads', () => {
  it('read a file under an allowed directory (absolute, relative, or through a symlink that stays inside)', async () => {
    const result = await upload(withDir, { path: join(allowed, 'image.png') });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const { file, bytes } = await sentFile();
    expect(bytes.equals(BYTES)).toBe(true);
    expect([file.name, file.type]).toEqual(['image.png', 'image/png']);

    await upload(withDir, { path: 'sub/notes.jsonl', filename: 'batch.jsonl', mime_type: 'application/jsonl' });
    const second = await sentFile();
    expect([second.file.name, second.file.type, second.bytes.toString()]).toEqual(['batch.jsonl', 'application/jsonl', '{"a":1}\n']);

    await upload(withDir, { path: join(allowed, 'inside-link.png') });
    expect((await sentFile()).bytes.equals(BYTES)).toBe(true);
  });

  it('refuse a path outside the allowed directories', async () => {
    const result = await upload(withDir, { path: join(outside, 'secret.txt') });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toBe(`path ${JSON.stringify(join(outside, 'secret.txt'))} is outside the allowed directories (${allowed}).`);
    expect(api.requests).toHaveLength(0);
  });

  it('refuse a path that leaves the directory through ..', async () => {
    for (const path of [`${allowed}/../outside/secret.txt`, '../outside/secret.txt', 'sub/../../outside/secret.txt']) {
      const result = await upload(withDir, { path });
      expect(result.isError, path).toBe(true);
      expect(result.content[0]!.text, path).toMatch(/is outside the allowed directories .*: "\.\." may not leave them\.$/);
    }
    expect(api.requests).toHaveLength(0);
  });

  it('refuse a path that leaves the directory through a symlink (to a file or a directory)', async () => {
    for (const path of [join(allowed, 'link.txt'), join(allowed, 'outdir/secret.txt')]) {
      const result = await upload(withDir, { path });
      expect(result.isError, path).toBe(true);
      expect(result.content[0]!.text, path).toBe(`path ${JSON.stringify(path)} leads (through a symlink) outside the allowed directories (${allowed}).`);
    }
    expect(api.requests).toHaveLength(0);
  });

  it('refuse missing files, directories and base64 with a path together', async () => {
    expect((await upload(withDir, { path: 'nope.bin' })).content[0]!.text).toBe('path "nope.bin": no such file');
    expect((await upload(withDir, { path: 'sub' })).content[0]!.text).toBe('path "sub" is not a regular file.');
    expect((await upload(withDir, { path: 'image.png', base64: 'AA==' })).content[0]!.text).toBe('file: give base64 or path, not both');
    expect(api.requests).toHaveLength(0);
  });

  it('are off without --allow-file-dir, with an error that says how to enable them', async () => {
    const result = await upload(withoutDir, { path: join(allowed, 'image.png') });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toBe(
      'Local files are off: pass the content as base64 (with filename and mime_type) instead, or start the server with --allow-file-dir DIR to allow files under DIR.',
    );
    expect(api.requests).toHaveLength(0);
    expect(withoutDir.client.getInstructions()).toContain('start the server with --allow-file-dir DIR to allow files under DIR; off now');
    expect(withDir.client.getInstructions()).toContain(`or {"path"} of a local file under ${allowed}`);
  });
});
