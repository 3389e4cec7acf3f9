/**
 * End to end on a generated client: a small document with an SSE stream
 * (with a `stream` switch), a multipart upload, a binary download and a raw
 * application/sdp body is imported, emitted, type-checked (with typed usage
 * of the stream overloads under strict), built, and called against a local
 * node:http server.
 */
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { buildClient, typecheckClient } from '../../generator/build/client.js';
import { startRawServer, type RawServer } from '../client-runtime/support/raw-server.js';
import { repoRoot } from '../support/shared.js';
import { emitInto } from './support.js';

const dir = join(repoRoot, '.tmp/test-io-e2e');
const pkg = join(dir, 'client');
let server: RawServer;
// Plain JS at run time; the types are checked by typecheckClient with usage.ts below.
let mod: { default: new (options: Record<string, unknown>) => any; Stream: new (...args: never[]) => unknown; toFile: (...args: unknown[]) => Promise<File> };

/** Type-level usage, checked under the package's strict settings: the overloads pick the right type. */
const USAGE = `
import MediaDemo, { Stream, toFile, type CompletionChunk, type Completion } from './src/index.js';
const client = new MediaDemo({ apiKey: 'k' });
export async function usage(): Promise<void> {
  const stream: Stream<CompletionChunk> = await client.completions.create({ prompt: 'p', stream: true });
  for await (const chunk of stream) chunk.delta satisfies string;
  const done: Completion = await client.completions.create({ prompt: 'p' });
  done.text satisfies string;
  const { data } = await client.completions.create({ prompt: 'p', stream: true }).withResponse();
  data.controller.abort();
  const file = await client.files.create({ file: await toFile(new Uint8Array([1]), 'a.bin'), purpose: 'x' });
  file.bytes satisfies number;
  const raw: Response = await client.files.content.retrieve('file_1');
  raw.body satisfies ReadableStream<Uint8Array> | null;
  const answer: string = await client.calls.create({ body: 'v=0' });
  answer satisfies string;
  // @ts-expect-error a stream is not a Completion
  const wrong: Completion = await client.completions.create({ prompt: 'p', stream: true });
  void wrong;
}
`;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { spec } = await importDocument({ from: join(import.meta.dirname, 'fixtures/media-demo.yaml'), target: 'media-demo', root: join(dir, 'root'), relock: true });
  emitInto(spec, pkg);
  writeFileSync(join(pkg, 'usage.ts'), USAGE);
  expect(typecheckClient(pkg, undefined, [join(pkg, 'usage.ts')])).toEqual([]);
  await buildClient(pkg);
  mod = (await import(pathToFileURL(join(pkg, 'dist/index.js')).href)) as typeof mod;
  server = await startRawServer();
}, 180_000);
afterAll(() => server?.close());

const client = () => new mod.default({ apiKey: 'sk-test', baseURL: `${server.url}/v1`, maxRetries: 0 });

describe('a generated client with streams, uploads and binary responses', () => {
  it('stream: true iterates typed events as they arrive; without it, JSON', async () => {
    server.handle(async (req, res) => {
      if (!JSON.parse(req.body.toString()).stream) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"c1","text":"whole"}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const d of ['Hel', 'lo ', 'wörld']) {
        res.write(`data: ${JSON.stringify({ type: 'completion.delta', delta: d })}\n\n`);
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end('data: [DONE]\n\n');
    });
    const stream = await client().completions.create({ prompt: 'p', stream: true });
    expect(stream).toBeInstanceOf(mod.Stream);
    let text = '';
    for await (const chunk of stream) text += chunk.delta;
    expect(text).toBe('Hello wörld');
    expect(server.requests[0]!.headers['accept']).toBe('text/event-stream');
    expect(await client().completions.create({ prompt: 'p' })).toEqual({ id: 'c1', text: 'whole' });
  });

  it('uploads a file field from an fs.ReadStream and from toFile, as multipart', async () => {
    server.handle((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'file-1', filename: 'x', bytes: req.body.length })));
    const path = join(dir, 'notes.jsonl');
    writeFileSync(path, '{"a":1}\n');
    await client().files.create({ file: createReadStream(path), purpose: 'batch', metadata: { team: 'a' } });
    await client().files.create({ file: await mod.toFile(Buffer.from([0xff, 0x00]), 'b.bin'), purpose: 'batch' });
    const [first, second] = server.requests;
    const form = await new Response(new Uint8Array(first!.body), { headers: { 'content-type': String(first!.headers['content-type']) } }).formData();
    expect((form.get('file') as File).name).toBe('notes.jsonl');
    expect(await (form.get('file') as File).text()).toBe('{"a":1}\n');
    // The fixture's target has no `formStyle`: an object goes as one JSON part, as OpenAPI says.
    expect([form.get('purpose'), form.get('metadata')]).toEqual(['batch', '{"team":"a"}']);
    expect(second!.body.includes(Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0xff, 0x00, 0x0d, 0x0a]))).toBe(true);
  });

  it('a binary download is the raw Response, byte-exact; an sdp answer is a string', async () => {
    const bytes = Buffer.from([0x49, 0x44, 0x33, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]);
    server.handle((req, res) => {
      if (req.url.endsWith('/content')) return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
      res.writeHead(201, { 'content-type': 'application/sdp' }).end(`answer to ${req.headers['content-type']}: ${req.body.toString()}`);
    });
    const response = await client().files.content.retrieve('file_1');
    expect(response).toBeInstanceOf(Response);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await client().calls.create({ body: 'v=0\r\n' })).toBe('answer to application/sdp: v=0\r\n');
  });
});
