/**
 * spec.json's sorted copy in the generator daemon, from the copy the last
 * import kept (one serialize.ts made, so sorted all the way down): an entry
 * whose value writes the same JSON as the previous copy's (each named type,
 * each operation, each other top-level field) is that copy's object; only
 * changed entries are copied again. Comparing costs a
 * third of copying (no allocation), and the copy the daemon keeps then shares
 * everything unchanged with the last one. (Joining texts kept per entry was
 * measured slower than one native JSON.stringify of the whole copy: V8 copies
 * large strings into a joined one far slower than JSON.stringify writes.)
 * Anything the sorted copy cannot carry (see sorted-json.ts) leaves it to the
 * caller.
 *
 * An entry is mostly made of values the last import's IR held too: the
 * normalizer's replayed steps share their values with its last run and never
 * change them (normalize/replay.ts), so a type is a new object around the
 * same shape. What each value one level inside an entry wrote as is kept
 * (`wroteAs`), and a value met again is taken as writing as that copy without
 * comparing it: the comparison of a large spec costs as much as its writing.
 */
import { INDEX_KEY, jsonScalar, sortedCopy } from './sorted-json.js';

/** The entries of these top-level fields are reused one by one; other fields whole. */
const BY_NAME = 'types';
const BY_KEY = 'operations';

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * True when `value` writes the same stable JSON as `copy` (a sorted copy):
 * the same keys once undefined values are left out, the same items (undefined
 * ones as null), the same numbers as JSON gives them back. With `known` (an
 * entry's comparison), a value directly inside that wrote as the very copy it
 * is compared with is not compared again.
 */
export function writesAs(value: unknown, copy: unknown, known?: WeakMap<object, unknown>): boolean {
  if (value === copy) return true;
  if (typeof value === 'function') return false;
  if (value === null || typeof value !== 'object') return jsonScalar(value) === copy;
  if (copy === null || typeof copy !== 'object') return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || copy.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === undefined || typeof v === 'function' ? copy[i] !== null : !writesAsOrKnown(v, copy[i], known)) return false;
    }
    return true;
  }
  if (Array.isArray(copy) || !isPlain(value)) return false;
  let count = 0;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    // A key no sorted copy can hold (index-like, `__proto__`) is left to the full writer.
    if (!Object.hasOwn(copy, key) || (key.charCodeAt(0) <= 57 && INDEX_KEY.test(key)) || !writesAsOrKnown(v, (copy as Record<string, unknown>)[key], known)) return false;
    count++;
  }
  return count === Object.keys(copy).length;
}

/** `writesAs(value, copy)`, or true at once when `known` says `value` wrote as this very `copy`. */
function writesAsOrKnown(value: unknown, copy: unknown, known: WeakMap<object, unknown> | undefined): boolean {
  if (known !== undefined && value !== null && typeof value === 'object' && copy !== undefined && known.get(value) === copy) return true;
  return writesAs(value, copy);
}

/** Value → the object of a sorted copy it last wrote as, for the values one level inside the entries. */
const wroteAs = new WeakMap<object, unknown>();

/** Keep what the objects directly inside `value` (an entry) wrote as in `copy`, its sorted copy. */
function noteWritten(value: unknown, copy: unknown): void {
  if (value === null || typeof value !== 'object' || copy === null || typeof copy !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && typeof v === 'object') wroteAs.set(v, (copy as unknown[])[i]);
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object' && Object.hasOwn(copy, key)) wroteAs.set(v, (copy as Record<string, unknown>)[key]);
  }
}

/** The sorted copy of one entry: the previous copy's when it writes the same, else a fresh one; undefined when none can be made. */
function entry(value: unknown, previous: unknown): { copy: unknown } | undefined {
  // As sortedCopy: an undefined list item is null, a function no copy at all.
  if (value === undefined) return { copy: null };
  if (typeof value === 'function') return undefined;
  const copy = previous !== undefined && writesAs(value, previous, wroteAs) ? previous : sortedCopy(value);
  if (copy === undefined) return undefined;
  noteWritten(value, copy);
  return { copy };
}

/** The sorted copy of a mapping (the named types, or the spec itself), each entry reused on its own. */
function mapping(value: Record<string, unknown>, previous: Record<string, unknown>, split: (key: string, v: unknown, before: unknown) => { copy: unknown } | undefined): Record<string, unknown> | undefined {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v === undefined) continue;
    if (INDEX_KEY.test(key) || key === '__proto__') return undefined;
    const piece = split(key, v, Object.hasOwn(previous, key) ? previous[key] : undefined);
    if (!piece) return undefined;
    copy[key] = piece.copy;
  }
  return copy;
}

/** The sorted copy of a list of entries (the operations), each reused from the previous item with the same `key`. */
function list(value: unknown[], previous: unknown[]): unknown[] | undefined {
  const byKey = new Map<unknown, unknown>();
  for (const item of previous) if (isPlain(item) && typeof item.key === 'string') byKey.set(item.key, item);
  const copy: unknown[] = [];
  for (const [i, item] of value.entries()) {
    const piece = entry(item, isPlain(item) && typeof item.key === 'string' ? byKey.get(item.key) : previous[i]);
    if (!piece) return undefined;
    copy.push(piece.copy);
  }
  return copy;
}

/**
 * The sorted copy of `value` (the IR), made of `previous`'s entries (a sorted
 * copy as the last import kept it, or `{}` for none) wherever they write the
 * same JSON; undefined when no sorted copy can be made. Its JSON.stringify is
 * the text.
 */
export function sortedReusing(value: Record<string, unknown>, previous: Record<string, unknown>): Record<string, unknown> | undefined {
  return mapping(value, previous, (key, v, before) => {
    if (key === BY_NAME && isPlain(v) && (before === undefined || isPlain(before))) {
      const copy = mapping(v, before ?? {}, (_name, type, was) => entry(type, was));
      return copy && { copy };
    }
    if (key === BY_KEY && Array.isArray(v) && (before === undefined || Array.isArray(before))) {
      const copy = list(v, before ?? []);
      return copy && { copy };
    }
    return entry(v, before);
  });
}
