/**
 * A 192 MiB upload through the real CLI binary (`--file @big.bin`): every
 * byte arrives in the exact multipart framing, and the process's peak
 * resident memory (its kernel high-water mark, read at exit by a preloaded
 * probe) grows by a small fraction of the file over a 4-byte upload, proving
 * the file is streamed from disk rather than read into memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IoCli } from './support/io.js';

const MiB = 1024 * 1024;
const SIZE = 192 * MiB;
/** Streaming holds socket and stream buffers (tens of MiB); reading the file would hold all of it at least once. */
const BOUND = SIZE / 2;

const cli = new IoCli('big-upload');
let server: Server;
let url: string;
interface Received {
  contentType: string;
  bytes: number;
  sha256: string;
  head: Buffer;
  tail: Buffer;
}
const received: Received[] = [];

beforeAll(async () => {
  await cli.build();
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 7919 + (i >> 8)) & 0xff;
  const fd = openSync(join(cli.dir, 'big.bin'), 'w');
  for (let i = 0; i < SIZE / MiB; i++) {
    block[0] = i & 0xff;
    writeSync(fd, block);
  }
  closeSync(fd);
  writeFileSync(join(cli.dir, 'tiny.bin'), 'tiny');
  // Hashes the body as it arrives, keeping only its first and last bytes.
  server = createServer((req, res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      hash.update(c);
      if (head.length < 512) head = Buffer.concat([head, c]).subarray(0, 512);
      tail = Buffer.concat([tail, c]).subarray(-512);
    });
    req.on('end', () => {
      received.push({ contentType: req.headers['content-type'] ?? '', bytes, sha256: hash.digest('hex'), head, tail });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"file-big"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

async function upload(file: string): Promise<{ peak: number; got: Received }> {
  received.length = 0;
  const probe = join(cli.dir, `maxrss-${file}.txt`);
  const res = await cli.run(['files', 'create', '--file', `@${file}`, '--purpose', 'batch', '--timeout', '120s'], url, {
    nodeArgs: ['--require', join(import.meta.dirname, 'support/maxrss.cjs')],
    env: { MAXRSS_FILE: probe },
  });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  expect(received).toHaveLength(1);
  return { peak: Number(readFileSync(probe, 'utf8')), got: received[0]! };
}

describe(`a ${SIZE / MiB} MiB file flag`, () => {
  it('arrives byte for byte in its multipart part, with peak memory a small fraction of the file', async () => {
    const tiny = await upload('tiny.bin');
    const big = await upload('big.bin');
    const boundary = /boundary=(.+)$/.exec(big.got.contentType)![1]!;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const tail = `\r\n--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${boundary}--\r\n`;
    expect(big.got.head.subarray(0, head.length).toString('latin1')).toBe(head);
    expect(big.got.tail.subarray(-tail.length).toString('latin1')).toBe(tail);
    const hash = createHash('sha256').update(head);
    for await (const c of createReadStream(join(cli.dir, 'big.bin'))) hash.update(c as Buffer);
    hash.update(tail);
    expect({ bytes: big.got.bytes, sha256: big.got.sha256 }).toEqual({ bytes: head.length + SIZE + tail.length, sha256: hash.digest('hex') });
    const growth = big.peak - tiny.peak;
    console.log(`CLI upload of ${SIZE / MiB} MiB: peak resident memory ${(big.peak / MiB).toFixed(1)} MiB, ${(growth / MiB).toFixed(1)} MiB over a 4-byte upload`);
    expect(growth, `peak grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(BOUND);
  }, 180_000);
});
