/**
 * Stream parsing throughput: a recorded chat-completion stream (the client
 * runtime's test fixture, its content chunks repeated to 20 000 events) read
 * through our `Stream` and through openai-node's own `Stream`, from the same
 * bytes in the same chunks, parsed to objects and iterated with `for await`.
 * Two chunkings: network-sized reads (0.5–4 KiB, cut anywhere, also inside
 * UTF-8 characters) and one event per read (how OpenAI's events often arrive).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure } from '../child.js';
import { repoRoot } from '../lib/paths.js';
import { interleave } from '../lib/time.js';
import { compare, median, type Row } from '../lib/types.js';

const EVENTS = 20_000;
const RUNS = 9;

interface SSEStream {
  fromSSEResponse(response: Response, controller: AbortController): AsyncIterable<unknown>;
}

/** The recording's event blocks, repeated to `EVENTS`, then `[DONE]`. */
function streamBytes(): { bytes: Uint8Array; blocks: Uint8Array[] } {
  const text = readFileSync(join(repoRoot, 'test', 'client-runtime', 'fixtures', 'chat-completion.sse'), 'utf8');
  const events = text.split('\n\n').filter((b) => b.startsWith('data: {'));
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  for (let i = 0; i < EVENTS; i++) blocks.push(encoder.encode(events[i % events.length] + '\n\n'));
  blocks.push(encoder.encode('data: [DONE]\n\n'));
  const bytes = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    bytes.set(b, at);
    at += b.length;
  }
  return { bytes, blocks };
}

/** Deterministic cut points 512–4096 bytes apart. */
function networkChunks(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let seed = 42;
  for (let at = 0; at < bytes.length; ) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const size = 512 + (seed % 3585);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function responseOf(chunks: Uint8Array[]): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function drain(Cls: SSEStream, chunks: Uint8Array[]): Promise<number> {
  let n = 0;
  for await (const event of Cls.fromSSEResponse(responseOf(chunks), new AbortController())) if (event) n++;
  return n;
}

const measure: Measure = {
  title: 'Stream parsing throughput (recorded chat-completion stream) vs openai-node Stream',
  async run() {
    const ours = (await import('../../runtime/client/streaming.js')).Stream as unknown as SSEStream;
    const official = (await import('openai/streaming')).Stream as unknown as SSEStream;
    const { bytes, blocks } = streamBytes();
    const rows: Row[] = [];
    for (const [id, label, chunks] of [
      ['network', 'network-sized reads (0.5–4 KiB)', networkChunks(bytes)],
      ['per-event', 'one event per read', blocks],
    ] as const) {
      // Both must see every event, or the comparison means nothing.
      const counts = [await drain(ours, chunks), await drain(official, chunks)];
      if (counts[0] !== EVENTS || counts[1] !== EVENTS) throw new Error(`event counts differ: ours ${counts[0]}, openai ${counts[1]}, expected ${EVENTS}`);
      const samples = await interleave({ ours: () => drain(ours, chunks), official: () => drain(official, chunks) }, RUNS);
      const perSecond = (ms: number) => Math.round((EVENTS / ms) * 1000).toLocaleString('en-US');
      const officialMs = median(samples.official!);
      const oursMs = median(samples.ours!);
      rows.push(compare(`stream.${id}.official`, `${label}: openai-node Stream, ${EVENTS} events`, 'ms', samples.official!, undefined, undefined, `${perSecond(officialMs)} events/s`));
      rows.push(
        compare(`stream.${id}.ours`, `${label}: our Stream, ${EVENTS} events`, 'ms', samples.ours!, { label: 'openai-node', value: officialMs }, { op: '<=', limit: 1 },
          `${perSecond(oursMs)} events/s; ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, ${chunks.length} reads`),
      );
    }
    return rows;
  },
};
export default measure;
