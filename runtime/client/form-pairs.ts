/**
 * One body field as name/value pairs, for form-urlencoded bodies and for the
 * multipart fields whose `encoding` gives a style. OpenAPI's `form` style (the
 * default, exploded): an array repeats the key, an object's properties become
 * pairs of their own; not exploded, both are comma-joined into one value.
 * `spaceDelimited` and `pipeDelimited` join arrays with ` ` and `|`.
 * `deepObject`: objects as `key[prop]`, arrays indexed (`key[0]=a`), as
 * Stripe-like servers read a list. What OpenAPI leaves undefined (values
 * nested inside those) nests as `qs` reads it: `key[prop]`, and arrays of
 * objects indexed so each item keeps its fields (`items[0][price]`).
 */
import type { FieldStyleSpec } from './operation.js';
import { scalarText } from './query.js';

export type Pair = [name: string, value: string];

const DELIMITERS: Record<FieldStyleSpec['style'], string> = {
  form: ',',
  spaceDelimited: ' ',
  pipeDelimited: '|',
  deepObject: ',',
};

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** An array or a plain object: what a pair's value cannot hold as text. */
export function isComplex(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** Appends the pairs of one field per its OpenAPI style (default `form`, exploded); null and undefined give none. */
export function styledPairs(key: string, value: unknown, spec: FieldStyleSpec | undefined, out: Pair[]): Pair[] {
  const style = spec?.style ?? 'form';
  if (!present(value)) return out;
  if (style === 'deepObject') return nestedPairs(key, value, true, out);
  const explode = spec?.explode ?? style === 'form';
  if (Array.isArray(value)) {
    const items = value.filter(present);
    if (explode) nestedPairs(key, items, false, out);
    else if (items.length) out.push([key, items.map(scalarText).join(DELIMITERS[style])]);
  } else if (isComplex(value)) {
    const entries = Object.entries(value).filter(([, v]) => present(v));
    if (explode) for (const [prop, inner] of entries) nestedPairs(prop, inner, false, out);
    else if (entries.length) out.push([key, entries.flatMap(([k, v]) => [k, scalarText(v)]).join(',')]);
  } else out.push([key, scalarText(value)]);
  return out;
}

/**
 * `qs`-style nesting: objects as `key[prop]`, arrays of scalars repeating the
 * key, arrays holding objects (or every array, when `indexed`) as `key[0]`.
 */
export function nestedPairs(key: string, value: unknown, indexed: boolean, out: Pair[]): Pair[] {
  if (!present(value)) return out;
  if (Array.isArray(value)) {
    const nested = indexed || value.some(isComplex);
    value.forEach((item, i) => nestedPairs(nested ? `${key}[${i}]` : key, item, indexed, out));
  } else if (isComplex(value)) {
    for (const [prop, inner] of Object.entries(value)) nestedPairs(`${key}[${prop}]`, inner, indexed, out);
  } else out.push([key, scalarText(value)]);
  return out;
}
