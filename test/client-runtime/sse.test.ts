import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SSEDecoder, type ServerSentEvent } from '../../runtime/client/sse.js';

const fixtures = join(import.meta.dirname, 'fixtures');
/** A chat completion stream as OpenAI sends it: multi-byte text, a comment, tool calls, usage, [DONE]. */
const chatStream = readFileSync(join(fixtures, 'chat-completion.sse'));

function decodeChunks(chunks: Uint8Array[]): ServerSentEvent[] {
  const decoder = new SSEDecoder();
  const out: ServerSentEvent[] = [];
  for (const c of chunks) out.push(...decoder.decode(c));
  out.push(...decoder.flush());
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('SSE decoding of a recorded chat completion stream', () => {
  const whole = decodeChunks([chatStream]);

  it('yields every event of the recording, in order, with exact text', () => {
    expect(whole).toHaveLength(31);
    expect(whole.at(-1)).toEqual({ event: null, data: '[DONE]', id: null, retry: null });
    const parsed = whole.slice(0, -1).map((e) => JSON.parse(e.data) as { object: string; choices: Array<{ delta: { content?: string } }> });
    expect(parsed.every((p) => p.object === 'chat.completion.chunk')).toBe(true);
    const text = parsed.map((p) => p.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Bonjour ! Voici un café ☕ à Zürich, 東京 の 天気 は 晴れ 👋🏽 — «naïve façade» ∑ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.');
  });

  it('split at every byte boundary, including inside UTF-8 characters, yields identical events', () => {
    const multiByteSplits = [...chatStream.keys()].filter((i) => (chatStream[i]! & 0xc0) === 0x80).length;
    expect(multiByteSplits).toBeGreaterThan(50); // the recording really has split points inside characters
    for (let i = 0; i <= chatStream.length; i++) {
      const events = decodeChunks([chatStream.subarray(0, i), chatStream.subarray(i)]);
      if (events.length !== whole.length || events.some((e, k) => e.data !== whole[k]!.data)) {
        throw new Error(`split at byte ${i} changed the events`);
      }
    }
  });

  it('one byte per chunk yields identical events', () => {
    expect(decodeChunks([...chatStream].map((b) => Uint8Array.of(b)))).toEqual(whole);
  });

  it('chunks of many odd sizes yield identical events', () => {
    for (const size of [2, 3, 5, 7, 64, 1000]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < chatStream.length; i += size) chunks.push(chatStream.subarray(i, i + size));
      expect(decodeChunks(chunks)).toEqual(whole);
    }
  });
});

describe('SSE fields and line endings', () => {
  // Every feature of the format, with all three line endings mixed.
  const text =
    '\uFEFF: a comment, then a multi-line event\r\n' +
    'event: response.output_text.delta\r\n' +
    'id: 1\r\n' +
    'data: {"a":\r\n' +
    'data:  1}\r\n' +
    '\r\n' +
    'retry: 2500\n' +
    'data:no-space\n' +
    'custom: ignored\n' +
    '\n' +
    'event: ping\r' +
    '\r' +
    'data\r' +
    'id\r' +
    '\r' +
    'data: é€😀\n' +
    'retry: soon\n' +
    '\n' +
    'data: last without a blank line';
  const bytes = utf8(text);
  const expected: ServerSentEvent[] = [
    { event: 'response.output_text.delta', data: '{"a":\n 1}', id: '1', retry: null },
    { event: null, data: 'no-space', id: '1', retry: 2500 },
    // `event: ping` alone has no data: not dispatched (WHATWG). `data` with no colon is an empty data line.
    { event: null, data: '', id: '', retry: null },
    { event: null, data: 'é€😀', id: '', retry: null },
    { event: null, data: 'last without a blank line', id: '', retry: null },
  ];

  it('parses comments, event names, multi-line data, id, retry, BOM and CR/LF/CRLF', () => {
    expect(decodeChunks([bytes])).toEqual(expected);
  });

  it('gives identical events split at every byte boundary (a CRLF split in two stays one line end)', () => {
    for (let i = 0; i <= bytes.length; i++) {
      expect(decodeChunks([bytes.subarray(0, i), bytes.subarray(i)]), `split at ${i}`).toEqual(expected);
    }
  });

  it('gives identical events split at every pair of boundaries', () => {
    for (let i = 0; i <= bytes.length; i += 3) {
      for (let j = i; j <= bytes.length; j += 2) {
        expect(decodeChunks([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toEqual(expected);
      }
    }
  });

  it('keeps CR CR as two line ends (an empty line) even across chunks', () => {
    expect(decodeChunks([utf8('data: x\r'), utf8('\r')])).toEqual([{ event: null, data: 'x', id: null, retry: null }]);
    expect(decodeChunks([utf8('data: x\r'), utf8('\ndata: y\r\n\r\n')])).toEqual([{ event: null, data: 'x\ny', id: null, retry: null }]);
  });

  it('an id containing NUL is ignored and a truncated character becomes U+FFFD at the end', () => {
    expect(decodeChunks([utf8('id: a\0b\ndata: 1\n\n')])).toEqual([{ event: null, data: '1', id: null, retry: null }]);
    const cut = utf8('data: é')
      .subarray(0, -1);
    expect(decodeChunks([cut])[0]!.data).toBe('\uFFFD');
  });

  it('accepts string chunks (fetch polyfills that decode for us)', () => {
    const d = new SSEDecoder();
    expect([...d.decode('data: 1\n'), ...d.decode('\ndata: 2\n\n'), ...d.flush()].map((e) => e.data)).toEqual(['1', '2']);
  });
});
