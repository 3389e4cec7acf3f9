/**
 * Stable JSON, the format of the committed IR (spec/<target>/spec.json):
 * object keys sorted recursively, arrays in their (already deterministic)
 * order, 2-space indent, trailing newline.
 */

/**
 * Stable JSON with sorted keys, written directly (no sorted copy of the tree):
 * same output as `JSON.stringify(sorted, null, 2)`, with far less garbage.
 */
function write(value: unknown, indent: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      out.push(i ? ',\n' : '\n', inner);
      const v = value[i];
      write(v === undefined || typeof v === 'function' ? null : v, inner, out);
    }
    out.push('\n', indent, ']');
    return;
  }
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  keys.forEach((k, i) => {
    out.push(i ? ',\n' : '\n', inner, JSON.stringify(k), ': ');
    write((value as Record<string, unknown>)[k], inner, out);
  });
  out.push('\n', indent, '}');
}

/** Keys that JavaScript objects order numerically, before all others, whatever the insertion order. */
export const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/** A JSON scalar as JSON.parse gives it back: -0 is 0, NaN and ±Infinity are null. */
export function jsonScalar(value: unknown): unknown {
  if (typeof value !== 'number') return value;
  return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
}

/**
 * A copy with every object's keys inserted in sorted order (undefined values
 * dropped, undefined array items null, numbers as JSON gives them back): what
 * JSON.parse makes of its JSON text, which is `write`'s. Undefined when
 * JSON.stringify would not write it as `write` does: an index-like key ("10"),
 * which no JavaScript object can hold in sorted order, a `__proto__` key,
 * which assignment would not make an own property, a function, or an object
 * that is not plain (toJSON).
 */
export function sortedCopy(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (value === null || typeof value !== 'object') return jsonScalar(value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return undefined;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if ((v !== null && typeof v === 'object') || typeof v === 'function') {
        const copy = sortedCopy(v);
        if (copy === undefined) return undefined;
        out[i] = copy;
      } else out[i] = v === undefined ? null : jsonScalar(v);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (INDEX_KEY.test(k) || k === '__proto__') return undefined;
    if ((v !== null && typeof v === 'object') || typeof v === 'function') {
      const copy = sortedCopy(v);
      if (copy === undefined) return undefined;
      out[k] = copy;
    } else out[k] = jsonScalar(v);
  }
  return out;
}

/**
 * Any value as stable JSON. The native JSON.stringify of a sorted copy is
 * several times faster than writing it in JavaScript; the writer above is the
 * fallback for index-like keys (and the definition of the format).
 */
export function stableStringify(value: unknown): string {
  const sorted = sortedCopy(value);
  if (sorted !== undefined) return JSON.stringify(sorted, null, 2) + '\n';
  const out: string[] = [];
  write(value, '', out);
  return out.join('') + '\n';
}
