/**
 * What the YAML entry cache (yaml-chunks.ts) and the one-entry re-parse
 * (yaml-splice.ts) share: the cache's shape, the leaves of a cut, and how an
 * entry is named and checked.
 */
import * as crypto from 'node:crypto';

/** Entry id → `{ key: value }`, the value its text parses to alone. */
export type ChunkCache = Record<string, unknown>;

/**
 * A leaf of the last parse: its text's span in the document [from, to), the
 * indentation of its first line, the keys from the root to its value, and its
 * cache id (yaml-splice.ts re-parses one changed leaf against these).
 */
export interface ParsedEntry {
  from: number;
  to: number;
  indent: number;
  path: string[];
  id: string;
}

/** Something that may be an anchor (`&name`): an alias in one entry may name an anchor in another. */
export const MAY_HAVE_ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/m;

const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
/** The cache id of an entry's text (sha1, base64url). */
export function entryId(text: string): string {
  return oneShot ? oneShot('sha1', text, 'base64url') : crypto.createHash('sha1').update(text).digest('base64url');
}

/** True when JSON carries the value unchanged (the cache stores JSON). */
export function jsonSafe(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(jsonSafe);
  for (const key in value) if (!jsonSafe((value as Record<string, unknown>)[key])) return false;
  return true;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
