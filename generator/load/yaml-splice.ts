/**
 * Re-import after an edit inside one entry, in the generator daemon: the text
 * is compared with the last import's text of the same target, and when every
 * changed character lies inside one leaf entry of the last cut
 * (yaml-chunks.ts), that entry alone is parsed again and put in place of the
 * old one; the rest of the document is the last parse's value. This skips the
 * pass over every line and the hash of every entry that the entry cache needs
 * (most of a one-field re-import's load of a 3 MB document).
 *
 * The result is what the entry cache (and so `yaml.load`) gives, or nothing:
 * the edit must leave the cut as it was (no line of the entry's new text at or
 * left of its indentation but a compact sequence's `- `, no tab in an
 * indentation, the first line's indentation untouched), and the entry must
 * parse alone to one key that no sibling has, without anchors. Otherwise the
 * caller parses as before.
 */
import * as yaml from 'js-yaml';
import { knownChange } from './reread.js';
import { entryId, isMapping, jsonSafe, MAY_HAVE_ANCHOR, type ChunkCache, type ParsedEntry } from './yaml-entries.js';

/** What the last parse of a target's document left for the next one. */
export interface LastParse {
  /** The cache key (a target's spec folder, resolved). */
  key: string;
  text: string;
  value: Record<string, unknown>;
  /** Every leaf of the cut, in document order. */
  entries: ParsedEntry[];
  /** The entry cache that parse left (id → `{ key: value }`). */
  cache: ChunkCache;
}

/** Compared in blocks this long: equal blocks are compared natively, the first unequal one character by character. */
const BLOCK = 1 << 14;

/** Length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let at = 0;
  while (at + BLOCK <= n && a.slice(at, at + BLOCK) === b.slice(at, at + BLOCK)) at += BLOCK;
  while (at < n && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** Length of the longest common suffix of `a` and `b`, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let at = 0;
  while (at + BLOCK <= limit && a.slice(a.length - at - BLOCK, a.length - at) === b.slice(b.length - at - BLOCK, b.length - at)) at += BLOCK;
  while (at < limit && a.charCodeAt(a.length - 1 - at) === b.charCodeAt(b.length - 1 - at)) at++;
  return at;
}

/** The last entry whose text starts at or before `offset`, or -1. */
function entryAt(entries: ParsedEntry[], offset: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.from <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** True when `text` (an entry's new text) is one entry at `indent`, as the cut would have found it. */
function staysOneEntry(text: string, indent: number): boolean {
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let j = start;
    while (j < end && text.charCodeAt(j) === 32) j++;
    const first = j < end ? text.charCodeAt(j) : -1;
    if (first === 9) return false;
    const blank = first === -1 || first === 35;
    if (line === 0) {
      if (blank || j - start !== indent || first === 45) return false;
    } else if (!blank && j - start <= indent) {
      // Only a compact sequence (`- item` at the key's indentation) may sit there.
      const compact = j - start === indent && first === 45 && (j + 1 === end || text.charCodeAt(j + 1) === 32);
      if (!compact) return false;
    }
    start = end + 1;
  }
  return true;
}

/** `parent` with its entry `oldKey` replaced by `newKey: value`, in place (same order); undefined when `newKey` is a sibling's. */
function replaced(parent: Record<string, unknown>, oldKey: string, newKey: string, value: unknown): Record<string, unknown> | undefined {
  if (newKey !== oldKey && (newKey === '__proto__' || Object.hasOwn(parent, newKey))) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(parent)) {
    if (key === oldKey) out[newKey] = value;
    else out[key] = parent[key];
  }
  return out;
}

export interface Spliced {
  value: Record<string, unknown>;
  entries: ParsedEntry[];
  cache: ChunkCache;
  /** The entry parsed again (its id), or undefined when the text was the last one. */
  parsedId?: string;
  /** That entry's new text. */
  entryText?: string;
}

/** The document `text` from `last` and the one entry it changed, or undefined when the edit is not inside one entry. */
export function spliceParse(last: LastParse, text: string): Spliced | undefined {
  if (text === last.text) return { value: last.value, entries: last.entries, cache: last.cache };
  const before = last.text;
  // Known when the text was read as a change of this one (reread.ts); else compared here.
  const known = knownChange(before, text);
  const prefix = known?.prefix ?? commonPrefix(before, text);
  const suffix = known?.suffix ?? commonSuffix(before, text, Math.min(before.length, text.length) - prefix);
  const index = entryAt(last.entries, prefix);
  const entry = last.entries[index];
  // The change must start after the entry's first indentation and end before the newline that ends it.
  if (!entry || prefix < entry.from + entry.indent || before.length - suffix > entry.to) return undefined;
  const delta = text.length - before.length;
  // From the last text and the new piece when known: a slice of `text` would make V8 copy all of it into one string first.
  const entryText = known
    ? before.slice(entry.from, prefix) + known.inserted + before.slice(before.length - suffix, entry.to)
    : text.slice(entry.from, entry.to + delta);
  if (!staysOneEntry(entryText, entry.indent) || MAY_HAVE_ANCHOR.test(entryText)) return undefined;
  let parsed: unknown;
  try {
    parsed = yaml.load(entryText, { schema: yaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (!isMapping(parsed) || Object.keys(parsed).length !== 1) return undefined;
  const newKey = Object.keys(parsed)[0]!;
  const newValue = parsed[newKey];

  // A new spine from the root to the entry's parent; everything else is the last value's.
  const spine: Array<Record<string, unknown>> = [last.value];
  for (const key of entry.path.slice(0, -1)) {
    const next = spine[spine.length - 1]![key];
    if (!isMapping(next)) return undefined;
    spine.push(next);
  }
  let child = replaced(spine[spine.length - 1]!, entry.path[entry.path.length - 1]!, newKey, newValue);
  for (let depth = spine.length - 2; depth >= 0 && child; depth--) child = replaced(spine[depth]!, entry.path[depth]!, entry.path[depth]!, Object.freeze(child));
  if (!child) return undefined;

  const id = entryId(entryText);
  const cache: ChunkCache = { ...last.cache };
  if (!last.entries.some((other, i) => i !== index && other.id === entry.id)) delete cache[entry.id];
  if (jsonSafe(newValue)) cache[id] = { [newKey]: newValue };
  const entries = last.entries.map((other, i): ParsedEntry => {
    if (i < index) return other;
    if (i === index) return { from: entry.from, to: entry.to + delta, indent: entry.indent, path: [...entry.path.slice(0, -1), newKey], id };
    return { ...other, from: other.from + delta, to: other.to + delta };
  });
  return { value: Object.freeze(child), entries, cache, parsedId: id, entryText };
}
