import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientError, toFile, toStreamingFile } from '../../runtime/client/index.js';
import { encodeMultipart } from '../../runtime/client/multipart.js';
import { BOUNDARY, createCallMultipart, createContainerFile, createFile, ioClient } from './support/io-ops.js';
import { startRawServer, type RawRequest, type RawServer } from './support/raw-server.js';

/** Bytes that are not valid UTF-8, so any text decoding on the way would show. */
const BINARY = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0d, 0x0a, 0x2d, 0x2d, 0xe2, 0x82, 0x7f]);

let server: RawServer;
let dir: string;
beforeAll(async () => {
  server = await startRawServer();
  dir = mkdtempSync(join(tmpdir(), 'uploads-test-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"file-1"}')));

/** The multipart body as the test expects it, written out by hand. */
function expectedBody(parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: ${p.type}`;
    out.push(Buffer.from(head + '\r\n\r\n'), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(out);
}

/** Parses the received body with undici's own multipart parser. */
async function formOf(req: RawRequest): Promise<FormData> {
  return new Response(new Uint8Array(req.body), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
}

const params = (file: unknown) => ({
  file,
  purpose: 'fine-tune',
  expires_after: { anchor: 'created_at', seconds: 3600, nested: { deep: true } },
  tags: ['a', 'b'],
  notify: false,
  retries: 3,
  'display name': 'Q3 "report"\r\n',
});

const nonFileParts = [
  { name: 'purpose', value: 'fine-tune' },
  { name: 'expires_after[anchor]', value: 'created_at' },
  { name: 'expires_after[seconds]', value: '3600' },
  { name: 'expires_after[nested][deep]', value: 'true' },
  { name: 'tags[]', value: 'a' },
  { name: 'tags[]', value: 'b' },
  { name: 'notify', value: 'false' },
  { name: 'retries', value: '3' },
  // Quotes and line breaks in a name are percent-encoded; values go as they are.
  { name: 'display %22name%22', value: 'Q3 "report"\r\n' },
];

describe('multipart bodies, byte for byte', () => {
  it('a toFile() upload with nested objects and arrays is encoded as openai-node encodes it', async () => {
    const client = ioClient(server.url);
    await client.request(createFile, params(await toFile(BINARY, 'data.bin', { type: 'application/x-thing' })));
    const req = server.requests[0]!;
    expect(req.headers['content-type']).toBe(`multipart/form-data; boundary=${BOUNDARY}`);
    const expected = expectedBody([{ name: 'file', value: BINARY, filename: 'data.bin', type: 'application/x-thing' }, ...nonFileParts]);
    expect(req.body.equals(expected)).toBe(true);
    // A Blob body has a known length, so no chunked encoding.
    expect(req.headers['content-length']).toBe(String(expected.length));
  });

  it('an fs.ReadStream is streamed (chunked) and gives the same bytes, named after its path', async () => {
    const path = join(dir, 'report.jsonl');
    writeFileSync(path, BINARY);
    await ioClient(server.url).request(createFile, params(createReadStream(path)));
    const req = server.requests[0]!;
    expect(req.headers['transfer-encoding']).toBe('chunked');
    const expected = expectedBody([{ name: 'file', value: BINARY, filename: 'report.jsonl', type: 'application/octet-stream' }, ...nonFileParts]);
    expect(req.body.equals(expected)).toBe(true);
  });

  it('encodeMultipart alone gives the same bytes through both paths (Blob and stream)', async () => {
    const blob = encodeMultipart({ f: new File([BINARY], 'a.bin'), s: 'x' }, 'B');
    const stream = encodeMultipart({ f: toStreamingFile(Readable.from([BINARY.subarray(0, 5), BINARY.subarray(5)]), 'a.bin'), s: 'x' }, 'B');
    expect(blob.replayable).toBe(true);
    expect(stream.replayable).toBe(false);
    const a = Buffer.from(await new Response(blob.body).arrayBuffer());
    const b = Buffer.from(await new Response(stream.body).arrayBuffer());
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('name="f"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n');
  });
});

describe('per-part content types (OpenAPI encoding.<prop>.contentType)', () => {
  it('a JSON part is one JSON value, a typed text part carries its Content-Type', async () => {
    server.handle((_req, res) => res.writeHead(201, { 'content-type': 'application/sdp' }).end('v=0\r\n'));
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n';
    await ioClient(server.url).request(createCallMultipart, { sdp, session: { type: 'realtime', model: 'gpt-realtime', audio: { voice: 'marin' } } });
    const expected =
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="sdp"\r\nContent-Type: application/sdp\r\n\r\n${sdp}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="session"\r\nContent-Type: application/json\r\n\r\n{"type":"realtime","model":"gpt-realtime","audio":{"voice":"marin"}}\r\n` +
      `--${BOUNDARY}--\r\n`;
    expect(server.requests[0]!.body.toString('utf8')).toBe(expected);
  });
});

describe('what a file field accepts', () => {
  const inputs: Array<[string, () => unknown | Promise<unknown>, string, string]> = [
    ['a File', () => new File([BINARY], 'photo.png', { type: 'image/png' }), 'photo.png', 'image/png'],
    ['a Blob', () => new Blob([BINARY], { type: 'audio/mpeg' }), 'unknown_file', 'audio/mpeg'],
    ['a Blob through toFile', () => toFile(new Blob([BINARY], { type: 'image/webp' }), 'pic.webp'), 'pic.webp', 'image/webp'],
    ['a Buffer through toFile', () => toFile(Buffer.from(BINARY), 'buf.bin'), 'buf.bin', 'application/octet-stream'],
    ['a Uint8Array through toFile', () => toFile(new Uint8Array(BINARY), 'u8.bin', { type: 'text/plain' }), 'u8.bin', 'text/plain'],
    ['an ArrayBuffer through toFile', () => toFile(new Uint8Array(BINARY).buffer, 'ab.bin'), 'ab.bin', 'application/octet-stream'],
    ['raw bytes directly', () => new Uint8Array(BINARY), 'unknown_file', 'application/octet-stream'],
    ['a fetch Response', () => responseWith(BINARY, 'audio/wav'), 'clip.wav', 'audio/wav'],
    ['a Response through toFile', () => toFile(responseWith(BINARY, 'audio/wav')), 'clip.wav', 'audio/wav'],
    ['an async iterable through toFile', () => toFile(chunks(), 'iter.bin'), 'iter.bin', 'application/octet-stream'],
    ['an async iterable through toStreamingFile', () => toStreamingFile(chunks(), 'live.bin', { type: 'video/mp4' }), 'live.bin', 'video/mp4'],
    ['a web ReadableStream through toStreamingFile', () => toStreamingFile(new Response(BINARY).body!, 'web.bin'), 'web.bin', 'application/octet-stream'],
  ];

  async function* chunks() {
    yield BINARY.subarray(0, 4);
    yield BINARY.subarray(4);
  }

  function responseWith(bytes: Buffer, type: string): Response {
    const r = new Response(new Uint8Array(bytes), { headers: { 'content-type': type } });
    Object.defineProperty(r, 'url', { value: 'https://files.example/media/clip.wav?sig=1' });
    return r;
  }

  for (const [label, make, filename, type] of inputs) {
    it(`${label}: name, type and bytes arrive intact`, async () => {
      await ioClient(server.url).request(createFile, { file: await make(), purpose: 'assistants' });
      const form = await formOf(server.requests[0]!);
      const file = form.get('file') as File;
      expect(file.name).toBe(filename);
      expect(file.type).toBe(type);
      expect(Buffer.from(await file.arrayBuffer()).equals(BINARY)).toBe(true);
      expect(form.get('purpose')).toBe('assistants');
    });
  }

  it('toFile(fs.createReadStream(path)) is a file-backed File named after the path', async () => {
    const path = join(dir, 'train.jsonl');
    writeFileSync(path, BINARY);
    const file = await toFile(createReadStream(path), undefined, { type: 'application/jsonl' });
    expect(file.name).toBe('train.jsonl');
    expect(file.type).toBe('application/jsonl');
    expect(Buffer.from(await file.arrayBuffer()).equals(BINARY)).toBe(true);
    // A File can be sent again: the request is retried after a 500.
    server.handle((_req, res, i) => {
      if (i === 0) return void res.writeHead(500, { 'retry-after-ms': '1' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await ioClient(server.url).request(createFile, { file, purpose: 'x' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body.equals(server.requests[0]!.body)).toBe(true);
  });

  it('toFile() of a File returns it as is; a name or type makes a renamed copy', async () => {
    const f = new File(['abc'], 'a.txt', { type: 'text/plain' });
    expect(await toFile(f)).toBe(f);
    const renamed = await toFile(f, 'b.md', { type: 'text/markdown' });
    expect([renamed.name, renamed.type, await renamed.text()]).toEqual(['b.md', 'text/markdown', 'abc']);
  });

  it('toFile() of something it cannot read says what it accepts', async () => {
    await expect(toFile(42 as never)).rejects.toThrow(/toFile\(\) cannot read a number: pass bytes/);
  });
});

describe('retries and errors', () => {
  it('a request with a streamed upload is not retried (the stream is read once)', async () => {
    server.handle((_req, res) => void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}'));
    const path = join(dir, 'once.bin');
    writeFileSync(path, BINARY);
    await expect(ioClient(server.url, { maxRetries: 3 }).request(createFile, { file: createReadStream(path), purpose: 'x' })).rejects.toThrow('500 boom');
    expect(server.requests).toHaveLength(1);
  });

  it('a string in a file field is a clear error, and nothing is sent', async () => {
    const p = ioClient(server.url).request(createFile, { file: '/tmp/train.jsonl', purpose: 'x' });
    await expect(p).rejects.toBeInstanceOf(ClientError);
    await expect(p).rejects.toThrow(/"file" of files\.create is a file upload, not a string: pass fs\.createReadStream\(path\)/);
    expect(server.requests).toHaveLength(0);
  });

  it('null in a multipart field is refused with a hint', async () => {
    await expect(ioClient(server.url).request(createFile, { file: new File(['x'], 'x'), purpose: null })).rejects.toThrow(/Received null for the form field "purpose"/);
  });
});

describe('json-or-multipart', () => {
  it('is JSON without an upload', async () => {
    await ioClient(server.url).request(createContainerFile, { container_id: 'c1', file_id: 'file-9' });
    const req = server.requests[0]!;
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body.toString()).toBe('{"file_id":"file-9"}');
  });

  it('is multipart with one', async () => {
    await ioClient(server.url).request(createContainerFile, { container_id: 'c1', file: new File([BINARY], 'a.bin') });
    const req = server.requests[0]!;
    expect(req.url).toBe('/containers/c1/files');
    expect(req.body.equals(expectedBody([{ name: 'file', value: BINARY, filename: 'a.bin', type: 'application/octet-stream' }]))).toBe(true);
  });
});
