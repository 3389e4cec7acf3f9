/**
 * A JSON document re-read by the generator daemon keeps the last parse's
 * objects wherever its value did not change: the new parse is walked beside
 * the last one, and every object or array equal to the last one's (same keys
 * in the same order, same items, the same values) is that object. The
 * normalizer's replayed steps compare their inputs by identity
 * (normalize/replay.ts), so a one-field edit of a JSON document then replays
 * every step the edit does not reach, as the YAML splice does for YAML
 * (yaml-splice.ts). The walk costs about what the parse does (~10 ms for the
 * 3.4 MB OpenAI document); the replay saves some 0.1 s.
 *
 * The values are frozen once the daemon is idle: a later import shares them
 * (load.ts copies a document before the one step that rewrites it in place).
 */
import { resolve } from 'node:path';
import { afterReply, deepFreeze, isLongLived } from '../long-lived.js';

/** The daemon's last JSON parse (only the last document's: documents are megabytes), by the cache key of its import. */
let last: { key: string; value: unknown } | undefined;

/** `JSON.parse(text)`; in the daemon, sharing every unchanged value with the last parse of the same `key` (a spec folder). */
export function parseJsonSharing(text: string, key?: string): unknown {
  const parsed: unknown = JSON.parse(text);
  if (!isLongLived() || key === undefined) return parsed;
  const cacheKey = resolve(key);
  const value = last?.key === cacheKey ? shared(parsed, last.value) : parsed;
  last = { key: cacheKey, value };
  afterReply(() => deepFreeze(value));
  return value;
}

/**
 * `next` (a fresh parse, changed in place) with each value equal to the one
 * at the same place in `previous` replaced by that one; `previous` itself when
 * all of it is equal.
 */
export function shared(next: unknown, previous: unknown): unknown {
  if (next === null || typeof next !== 'object' || previous === null || typeof previous !== 'object') return Object.is(next, previous) ? previous : next;
  if (Array.isArray(next) !== Array.isArray(previous)) return next;
  if (Array.isArray(next)) {
    const before = previous as unknown[];
    let same = next.length === before.length;
    for (let i = 0; i < next.length; i++) {
      if (i >= before.length) break;
      const value = shared(next[i], before[i]);
      next[i] = value;
      if (!Object.is(value, before[i])) same = false;
    }
    return same ? previous : next;
  }
  const object = next as Record<string, unknown>;
  const before = previous as Record<string, unknown>;
  const keys = Object.keys(object);
  const beforeKeys = Object.keys(before);
  let same = keys.length === beforeKeys.length;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (beforeKeys[i] !== key) same = false;
    // An own `__proto__` (JSON.parse makes one) cannot be assigned without changing the prototype: kept as parsed.
    if (key === '__proto__' || !Object.hasOwn(before, key)) {
      same = false;
      continue;
    }
    const value = shared(object[key], before[key]);
    object[key] = value;
    if (!Object.is(value, before[key])) same = false;
  }
  return same ? previous : next;
}
