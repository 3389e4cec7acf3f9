/**
 * Query-string encoding per OpenAPI style. The output is built by hand (not
 * URLSearchParams) so that brackets in wire names stay literal
 * (`project_ids[]=a`) and spaces become `%20`, matching what servers and
 * tests expect byte for byte.
 */
import type { QueryParamSpec } from './operation.js';

/** Percent-encodes a key or value, leaving `[` and `]` readable. */
export function encodePart(s: string): string {
  return encodeURIComponent(s).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

/** Scalar → wire text: booleans as true/false, dates as ISO strings. */
export function scalarText(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Appends `key=value` pairs for one param; undefined and null are dropped. */
export function encodeParam(wire: string, spec: QueryParamSpec, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  const explode = spec.explode ?? true;
  if (spec.style === 'deepObject' && isPlainObject(value)) {
    encodeDeep(wire, value, out);
    return;
  }
  if (Array.isArray(value)) {
    const items = value.filter((x) => x !== undefined && x !== null);
    if (spec.style === 'brackets') {
      // The wire name normally already ends in `[]`; add it when it does not.
      const key = wire.endsWith('[]') ? wire : `${wire}[]`;
      for (const item of items) out.push(`${encodePart(key)}=${encodePart(scalarText(item))}`);
    } else if (explode) {
      for (const item of items) out.push(`${encodePart(wire)}=${encodePart(scalarText(item))}`);
    } else if (items.length > 0) {
      const delimiter = spec.style === 'pipeDelimited' ? '|' : spec.style === 'spaceDelimited' ? '%20' : ',';
      out.push(`${encodePart(wire)}=${items.map((x) => encodePart(scalarText(x))).join(delimiter)}`);
    }
    return;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, x]) => x !== undefined && x !== null);
    if (explode) {
      for (const [k, x] of entries) out.push(`${encodePart(k)}=${encodePart(scalarText(x))}`);
    } else if (entries.length > 0) {
      out.push(
        `${encodePart(wire)}=${entries.map(([k, x]) => `${encodePart(k)},${encodePart(scalarText(x))}`).join(',')}`,
      );
    }
    return;
  }
  out.push(`${encodePart(wire)}=${encodePart(scalarText(value))}`);
}

/** `k[a][b]=v`; arrays inside as `k[a][]=v`. */
function encodeDeep(prefix: string, obj: Record<string, unknown>, out: string[]): void {
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    const key = `${prefix}[${k}]`;
    if (isPlainObject(v)) encodeDeep(key, v, out);
    else if (Array.isArray(v)) {
      for (const item of v)
        if (item !== undefined && item !== null) out.push(`${encodePart(`${key}[]`)}=${encodePart(scalarText(item))}`);
    } else out.push(`${encodePart(key)}=${encodePart(scalarText(v))}`);
  }
}

/**
 * Encodes the operation's query params (clean name → spec) from `params`, in
 * the spec's declaration order, then `extra` raw wire params (client
 * `defaultQuery`, then per-request `query`; form style). Returns the string
 * without a leading `?`.
 */
export function buildQuery(
  specs: Record<string, QueryParamSpec> | undefined,
  params: Record<string, unknown>,
  ...extra: Array<Record<string, unknown> | undefined>
): string {
  // Per-request `query` overrides `defaultQuery`, and both override an
  // operation param with the same wire name (an escape hatch for callers).
  const merged: Record<string, unknown> = {};
  for (const src of extra) if (src) Object.assign(merged, src);
  const out: string[] = [];
  if (specs) {
    for (const [name, spec] of Object.entries(specs)) {
      if (Object.prototype.hasOwnProperty.call(merged, spec.wire)) continue;
      encodeParam(spec.wire, spec, params[name], out);
    }
  }
  for (const [wire, value] of Object.entries(merged)) {
    encodeParam(wire, { wire, style: wire.endsWith('[]') ? 'brackets' : 'form', explode: true }, value, out);
  }
  return out.join('&');
}
