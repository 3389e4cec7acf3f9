/**
 * A 192 MiB upload through the client runtime, in a child process so its
 * memory can be measured alone: peak resident memory must stay a small
 * fraction of the file, proving the multipart body is streamed and the
 * file is never read into memory. A third run that does buffer the file
 * (toFile of readFileSync) shows the measurement would catch it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARY } from './support/io-ops.js';

const MiB = 1024 * 1024;
const SIZE = 192 * MiB;
/**
 * Streaming holds a few socket and stream buffers plus chunks the GC has not
 * collected yet (30-55 MiB measured, the same for 128 and 256 MiB files);
 * buffering would hold the whole file at least once.
 */
const BOUND = SIZE / 2;

let dir: string;
let path: string;
let server: Server;
let url: string;
const received: Array<{ bytes: number; sha256: string }> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'big-upload-'));
  path = join(dir, 'big.bin');
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 7919 + (i >> 8)) & 0xff;
  const fd = openSync(path, 'w');
  for (let i = 0; i < SIZE / MiB; i++) {
    block[0] = i & 0xff; // no two blocks alike
    writeSync(fd, block);
  }
  closeSync(fd);
  // Hashes the body as it arrives; the server holds none of it.
  server = createServer((req, res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      hash.update(c);
    });
    req.on('end', () => {
      received.push({ bytes, sha256: hash.digest('hex') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"file-big"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

let expected: { bytes: number; sha256: string } | undefined;
async function expectedDigest(filename: string): Promise<{ bytes: number; sha256: string }> {
  if (expected) return expected;
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${BOUNDARY}--\r\n`;
  const hash = createHash('sha256').update(head);
  for await (const c of createReadStream(path)) hash.update(c as Buffer);
  hash.update(tail);
  expected = { bytes: Buffer.byteLength(head) + SIZE + Buffer.byteLength(tail), sha256: hash.digest('hex') };
  return expected;
}

async function upload(mode: 'stream' | 'tofile' | 'buffered'): Promise<number> {
  received.length = 0;
  const child = join(import.meta.dirname, 'support', 'upload-child.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, url, path, mode], { cwd: join(import.meta.dirname, '..', '..') });
  const { before, peak } = JSON.parse(stdout) as { before: number; peak: number };
  // The child's tiny warm-up upload, then the big one.
  expect(received).toHaveLength(2);
  expect(received[1]).toEqual(await expectedDigest('big.bin'));
  console.log(`${mode}: peak resident memory grew by ${((peak - before) / MiB).toFixed(1)} MiB`);
  return peak - before;
}

describe(`a ${SIZE / MiB} MiB upload`, () => {
  it('fs.createReadStream in the file field: every byte arrives, memory stays bounded', async () => {
    const growth = await upload('stream');
    expect(growth, `peak grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(BOUND);
  });

  it('toFile(fs.createReadStream(path)): a file-backed File, memory stays bounded', async () => {
    const growth = await upload('tofile');
    expect(growth, `peak grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(BOUND);
  });

  it('control: reading the file into memory first is caught by the same measurement', async () => {
    const growth = await upload('buffered');
    expect(growth).toBeGreaterThan(SIZE * 0.9);
  });
});
