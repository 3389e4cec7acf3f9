import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../runtime/client/index.js';
import { createCall, createToken, deleteThing, fileContent, ioClient, speech } from './support/io-ops.js';
import { startRawServer, type RawServer } from './support/raw-server.js';

/** Every byte value, then sequences that are invalid UTF-8: a text decode anywhere would change them. */
const AUDIO = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe])]);

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

describe('binary responses', () => {
  it('resolve to the raw Response with the body intact, byte for byte', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'audio/mpeg', 'x-request-id': 'req_bin' }).end(AUDIO));
    const response = await ioClient(server.url).request<Response>(speech, { input: 'hi', voice: 'alloy' });
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await response.arrayBuffer()).equals(AUDIO)).toBe(true);
    expect(server.requests[0]!.headers['accept']).toBe('*/*');
  });

  it('round-trip through a GET, withResponse() and a streamed read', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(AUDIO));
    const { data } = await ioClient(server.url).request<Response>(fileContent, { file_id: 'file-1' }).withResponse();
    const parts: Buffer[] = [];
    for await (const chunk of data.body!) parts.push(Buffer.from(chunk));
    expect(Buffer.concat(parts).equals(AUDIO)).toBe(true);
    expect(server.requests[0]!.url).toBe('/files/file-1/content');
  });

  it('an error status is still a typed error with the parsed body', async () => {
    server.handle((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"No such file"}}'));
    await expect(ioClient(server.url).request(fileContent, { file_id: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('text and empty responses; raw and form bodies', () => {
  it('a raw application/sdp body goes as-is and a text answer comes back as a string', async () => {
    const offer = 'v=0\r\no=- 4227147428 1719357865 IN IP4 127.0.0.1\r\ns=-\r\na=group:BUNDLE 0\r\n';
    server.handle((_req, res) => res.writeHead(201, { 'content-type': 'application/sdp' }).end('v=0\r\ns=answer\r\n'));
    const answer = await ioClient(server.url).request<string>(createCall, { sdp: offer });
    expect(answer).toBe('v=0\r\ns=answer\r\n');
    const req = server.requests[0]!;
    expect(req.headers['content-type']).toBe('application/sdp');
    expect(req.body.toString('utf8')).toBe(offer);
  });

  it('a raw body may be bytes or a stream', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    await ioClient(server.url).request(createCall, { sdp: new Uint8Array(AUDIO) });
    expect(server.requests[0]!.body.equals(AUDIO)).toBe(true);
    async function* pieces() {
      yield AUDIO.subarray(0, 100);
      yield AUDIO.subarray(100);
    }
    await ioClient(server.url).request(createCall, { sdp: pieces() });
    expect(server.requests[1]!.body.equals(AUDIO)).toBe(true);
    await expect(ioClient(server.url).request(createCall, { sdp: { not: 'sdp' } })).rejects.toThrow(/sent as-is \(application\/sdp\): pass a string, bytes, a Blob or a stream/);
  });

  it('a form-urlencoded body repeats array keys, nests objects with brackets and drops null', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    await ioClient(server.url).request(createToken, { grant_type: 'client_credentials', scope: ['read', 'write all'], extra: { a: 'x&y', b: null, c: { d: 1 } } });
    const req = server.requests[0]!;
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.body.toString()).toBe('grant_type=client_credentials&scope=read&scope=write+all&extra%5Ba%5D=x%26y&extra%5Bc%5D%5Bd%5D=1');
  });

  it('a form-urlencoded array of objects indexes its items, so each keeps its fields (Stripe\'s items[0][price])', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    await ioClient(server.url).request(createToken, { grant_type: 'x', scope: ['a', 'b'], extra: { items: [{ price: 'p1', quantity: 2 }, { price: 'p2' }] } });
    expect(decodeURIComponent(server.requests[0]!.body.toString())).toBe('grant_type=x&scope=a&scope=b&extra[items][0][price]=p1&extra[items][0][quantity]=2&extra[items][1][price]=p2');
  });

  it('a response documented without content resolves to undefined on a 204, and to what a server sends all the same', async () => {
    const replies = [
      (res: import('node:http').ServerResponse) => res.writeHead(204).end(),
      (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"deleted":true}'),
      (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end('gone'),
      (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{not json'),
    ];
    server.handle((_req, res, i) => replies[i]!(res));
    const client = ioClient(server.url);
    expect(await client.request(deleteThing, { id: 't1' })).toBeUndefined();
    expect(await client.request(deleteThing, { id: 't2' })).toEqual({ deleted: true });
    expect(await client.request(deleteThing, { id: 't3' })).toBe('gone');
    expect(await client.request(deleteThing, { id: 't4' })).toBe('{not json');
    expect(server.requests.map((r) => r.url)).toEqual(['/things/t1', '/things/t2', '/things/t3', '/things/t4']);
  });
});
