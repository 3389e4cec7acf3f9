/**
 * Child process for the large-upload memory test: uploads one file through
 * the client runtime and prints its resident memory before and at the peak.
 * usage: node --import tsx upload-child.ts <baseURL> <path> stream|tofile|buffered
 */
import { createReadStream, readFileSync } from 'node:fs';
import { toFile } from '../../../runtime/client/index.js';
import { createFile, ioClient } from './io-ops.js';

const [baseURL, path, mode] = process.argv.slice(2) as [string, string, string];
const client = ioClient(baseURL, { maxRetries: 0, timeout: 120_000 });

// Warm up every code path on a tiny file first, so the baseline includes the code, not the data.
await client.request(createFile, { file: await toFile(Buffer.from('warm'), 'w.txt'), purpose: 'warmup' });
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
const maxBefore = process.resourceUsage().maxRSS * 1024;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

const file = mode === 'stream' ? createReadStream(path) : mode === 'tofile' ? await toFile(createReadStream(path)) : await toFile(readFileSync(path), 'big.bin');
await client.request(createFile, { file, purpose: 'batch' });

clearInterval(sampler);
// The kernel's high-water mark catches spikes between samples, once it passes the start-up one.
const maxAfter = process.resourceUsage().maxRSS * 1024;
peak = Math.max(peak, process.memoryUsage().rss, maxAfter > maxBefore ? maxAfter : 0);
process.stdout.write(JSON.stringify({ before, peak }) + '\n');
