/**
 * The daemon's reading of a document's text: the file's bytes are compared
 * with the last document it read, and only the bytes between their common
 * prefix and suffix are decoded; the rest of the text is the last text's.
 * V8 decodes UTF-8 with a few non-ASCII characters slowly (~5 ms for a 3 MB
 * document); reading and comparing the bytes takes a fraction of that. The
 * change's place is kept too, for the YAML splice (yaml-splice.ts), which
 * then need not compare the texts again.
 *
 * Only valid UTF-8 on both sides is spliced (anything else is decoded whole,
 * so replacement characters land where a whole decode puts them).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { afterReply, isLongLived } from '../long-lived.js';

/** Where two texts differ: the length of their common prefix and suffix, in UTF-16 units, and the new text between. */
export interface TextChange {
  prefix: number;
  suffix: number;
  inserted: string;
}

interface LastRead {
  bytes: Buffer;
  text: string;
  /** The read before, and how this one differs from it (when it was spliced). */
  from?: { text: string; change: TextChange };
}

let last: LastRead | undefined;

/** Compared in blocks this long: equal blocks natively, the first unequal one byte by byte. */
const BLOCK = 1 << 14;
/** Non-ASCII bytes are counted in blocks this small (isAscii says which blocks need it). */
const COUNT_BLOCK = 1 << 12;

/** `bytes` as text (UTF-8); in the daemon, reusing what the last read decoded where the bytes are the same. */
export function decodeText(bytes: Buffer): string {
  if (!isLongLived()) return bytes.toString('utf8');
  const before = last;
  const spliced = before ? splice(before, bytes) : undefined;
  last = spliced ?? { bytes, text: bytes.toString('utf8') };
  return last.text;
}

/**
 * The first character of `text` that is no white space (undefined if none).
 * A text this module pieced together is read where it came from: indexing it
 * would make V8 copy all of it into one string (some 2–3 ms for the 3 MB
 * OpenAI document), a copy left for the daemon's idle time.
 */
export function firstNonSpace(text: string): string | undefined {
  let at = 0;
  const from = last?.text === text ? last.from : undefined;
  if (from) {
    const { text: previous, change } = from;
    while (at < change.prefix && /\s/.test(previous[at]!)) at++;
    if (at < change.prefix) return previous[at];
  }
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return text[at];
}

/** How `text` differs from `previous`, when the daemon's last read made `text` from `previous`; else undefined. */
export function knownChange(previous: string, text: string): TextChange | undefined {
  return last?.text === text && last.from?.text === previous ? last.from.change : undefined;
}

function splice(before: LastRead, bytes: Buffer): LastRead | undefined {
  const old = before.bytes;
  if (old.length === bytes.length && old.equals(bytes)) return { bytes, text: before.text, from: { text: before.text, change: { prefix: before.text.length, suffix: 0, inserted: '' } } };
  if (!isUtf8(old) || !isUtf8(bytes)) return undefined;
  let prefix = commonBytePrefix(old, bytes);
  // Cut at characters: back to a byte that starts one on both sides.
  while (prefix > 0 && (isContinuation(old[prefix]) || isContinuation(bytes[prefix]))) prefix--;
  let suffix = commonByteSuffix(old, bytes, Math.min(old.length, bytes.length) - prefix);
  while (suffix > 0 && (isContinuation(old[old.length - suffix]) || isContinuation(bytes[bytes.length - suffix]))) suffix--;
  const prefixUnits = utf16Length(bytes, 0, prefix);
  const suffixUnits = utf16Length(bytes, bytes.length - suffix, bytes.length);
  const inserted = bytes.toString('utf8', prefix, bytes.length - suffix);
  const text = before.text.slice(0, prefixUnits) + inserted + before.text.slice(before.text.length - suffixUnits);
  // V8 keeps the three pieces as one rope, copied into one string the first time a part of it is taken; that is
  // done once the daemon is idle, so the next read's slices of this text are cheap.
  afterReply(() => void text.slice(0, 1));
  return { bytes, text, from: { text: before.text, change: { prefix: prefixUnits, suffix: suffixUnits, inserted } } };
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function commonBytePrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let at = 0;
  while (at + BLOCK <= n && a.compare(b, at, at + BLOCK, at, at + BLOCK) === 0) at += BLOCK;
  while (at < n && a[at] === b[at]) at++;
  return at;
}

/** Length of the longest common suffix of `a` and `b`, at most `limit`. */
function commonByteSuffix(a: Buffer, b: Buffer, limit: number): number {
  let at = 0;
  while (at + BLOCK <= limit && a.compare(b, b.length - at - BLOCK, b.length - at, a.length - at - BLOCK, a.length - at) === 0) at += BLOCK;
  while (at < limit && a[a.length - 1 - at] === b[b.length - 1 - at]) at++;
  return at;
}

/** UTF-16 length of the valid UTF-8 `bytes[from, to)` (which starts and ends at characters). */
function utf16Length(bytes: Buffer, from: number, to: number): number {
  let units = 0;
  for (let at = from; at < to; ) {
    let end = Math.min(at + COUNT_BLOCK, to);
    if (isAscii(bytes.subarray(at, end))) units += end - at;
    else {
      // Decoded (natively, a small block) to count: ended at a character.
      while (end < to && isContinuation(bytes[end])) end++;
      units += bytes.toString('utf8', at, end).length;
    }
    at = end;
  }
  return units;
}
