/**
 * A document the generator daemon reads again keeps the last read's objects
 * wherever its value did not change: the new value is walked beside the last
 * one, and every object or array equal to the last one's (same keys in the
 * same order, same items, the same values) is that object. The normalizer's
 * replayed steps compare their inputs by identity (normalize/replay.ts), so a
 * one-field edit then replays every step the edit does not reach, as the YAML
 * splice gives for a YAML document (yaml-splice.ts). This is how a JSON
 * document's parse is read, and any document the import made anew: a bundle
 * of several files, a Swagger 2.0 document converted. The walk costs about
 * what a JSON parse does (~10 ms for the 3.4 MB OpenAI document); the replay
 * saves some 0.1 s.
 *
 * The values are frozen once the daemon is idle: a later import shares them
 * (load.ts copies a document before the one step that rewrites it in place).
 */
import { resolve } from 'node:path';
import { afterReply, deepFreeze, isLongLived } from '../long-lived.js';

/** What is read again: a JSON document's parse, or the document an import made from it (a bundle, a conversion). */
export type SharedSlot = 'json' | 'derived';

/** The daemon's last value of each slot (only the last document's: documents are megabytes), with its import's cache key. */
const last = new Map<SharedSlot, { key: string; value: unknown }>();

/**
 * `value` (made fresh by this import, never changed after this), in the daemon
 * sharing every unchanged value with the last one of `slot` read for the same
 * `key` (a spec folder); as it is elsewhere.
 */
export function sharedWithLast<T>(value: T, slot: SharedSlot, key?: string): T {
  if (!isLongLived() || key === undefined) return value;
  const cacheKey = resolve(key);
  const before = last.get(slot);
  const result = (before?.key === cacheKey ? shared(value, before.value) : value) as T;
  last.set(slot, { key: cacheKey, value: result });
  afterReply(() => deepFreeze(result));
  return result;
}

/** `JSON.parse(text)`, sharing its unchanged values with the last JSON parse of `key` in the daemon. */
export function parseJsonSharing(text: string, key?: string): unknown {
  return sharedWithLast<unknown>(JSON.parse(text), 'json', key);
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
    for (let i = 0; i < Math.min(next.length, before.length); i++) {
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
