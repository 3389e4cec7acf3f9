/**
 * The daemon's re-read of a document (generator/load/reread.ts): only the
 * bytes between the common prefix and suffix of the last read are decoded,
 * the rest is taken from the last text. Whatever the edit (ASCII, next to or
 * inside multi-byte characters, surrogate pairs, invalid UTF-8, the real
 * OpenAI document), the text is exactly what decoding the whole file gives,
 * and the change it reports describes the two texts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, firstNonSpace, knownChange } from '../../generator/load/reread.js';
import { markLongLived } from '../../generator/long-lived.js';
import { newestOpenaiSpec } from '../support/shared.js';

describe('re-reading a document', () => {
  markLongLived();
  let previous: string | undefined;

  /** Decode `bytes` after the last read; check the text and the reported change. */
  function read(bytes: Buffer): string {
    const text = decodeText(bytes);
    expect(text).toBe(bytes.toString('utf8'));
    if (previous !== undefined) {
      const change = knownChange(previous, text);
      if (change) {
        expect(text.slice(0, change.prefix)).toBe(previous.slice(0, change.prefix));
        expect(text.slice(text.length - change.suffix)).toBe(previous.slice(previous.length - change.suffix));
        expect(text.slice(change.prefix, text.length - change.suffix)).toBe(change.inserted);
      }
    }
    previous = text;
    return text;
  }

  const base = `${'ascii line\n'.repeat(3000)}é ü — “quotes” 😀 end\n${'more text\n'.repeat(5000)}ß∑😀\n${'tail\n'.repeat(4000)}`;

  it.each([
    ['the same bytes', (t: string) => t],
    ['an ASCII edit', (t: string) => t.replace('ascii line\nascii', 'ascii LINE\nascii')],
    ['a 2-byte character replaced by a 3-byte one', (t: string) => t.replace('é', '—')],
    ['a surrogate pair replaced by another', (t: string) => t.replace('😀 end', '🎉 end')],
    ['a character inserted between two multi-byte ones', (t: string) => t.replace('ß∑', 'ßx∑')],
    ['a 4-byte character removed', (t: string) => t.replace('∑😀', '∑')],
    ['text added at the end', (t: string) => `${t}Ω\n`],
    ['text removed at the start', (t: string) => t.slice(11)],
  ])('after %s, the text is the whole decode', (_, edit) => {
    read(Buffer.from(base));
    read(Buffer.from(edit(base)));
    read(Buffer.from(base));
  });

  it('decodes invalid UTF-8 as a whole decode does', () => {
    const bytes = Buffer.from(base);
    read(bytes);
    const broken = Buffer.concat([bytes.subarray(0, 40_000), Buffer.from([0xe2, 0x82]), bytes.subarray(40_000)]);
    read(broken);
    read(bytes);
  });

  it.each([
    ['a JSON document edited inside', '\n  {"a": 1, "b": [1, 2]}\n', (t: string) => t.replace('"b"', '"c"'), '{'],
    ['a YAML document edited inside', '\n\t openapi: 3.1.0\npaths: {}\n', (t: string) => t.replace('paths', 'webhooks'), 'o'],
    ['an edit inside the leading white space', '   \n [1, 2]\n', (t: string) => t.replace(' \n', '\n\n'), '['],
    ['an edit of the first character', '{"a": 1}', (t: string) => t.replace('{', ' ['), '['],
    ['white space alone', ' \n ', (t: string) => `${t} \n`, undefined],
  ])('finds the first character that is no white space after %s', (_, text, edit, first) => {
    read(Buffer.from(text));
    const edited = read(Buffer.from(edit(text)));
    expect(firstNonSpace(edited)).toBe(first);
    expect(firstNonSpace(edited)).toBe(edited.trimStart()[0]);
    // A text this module did not read is looked at directly.
    expect(firstNonSpace(` \n${text}`)).toBe(text.trimStart()[0]);
  });

  it('re-reads the real OpenAI document after an edit', () => {
    const text = readFileSync(newestOpenaiSpec(), 'utf8');
    read(Buffer.from(text));
    const edited = read(Buffer.from(text.replace('Returns a list of assistants.', 'Returns every assistant (edited).')));
    expect(knownChange(text, edited)?.inserted.length).toBeLessThan(100);
  });
});
