/**
 * Request/response variants. A named type used on both sides whose properties
 * are `readOnly` (response only) or `writeOnly` (request only) splits into
 * `T` (response: no writeOnly) and `TInput` (request: no readOnly); types that
 * reach a split type split too, so request-side refs stay request-side.
 */
import type { NamedType, NormalizedSpec, Operation, Shape } from '../ir/types.js';
import type { Reporter } from './report.js';

function refsOf(shape: Shape, out: Set<string>): void {
  switch (shape.kind) {
    case 'ref':
      out.add(shape.name);
      break;
    case 'array':
      refsOf(shape.items, out);
      break;
    case 'object':
      for (const p of shape.properties) refsOf(p.shape, out);
      if (shape.additionalProperties) refsOf(shape.additionalProperties, out);
      break;
    case 'union':
      shape.members.forEach((m) => refsOf(m, out));
      break;
  }
}

function hasAccessFlags(shape: Shape, types: NormalizedSpec['types']): boolean {
  switch (shape.kind) {
    case 'object':
      return (
        shape.properties.some((p) => flagged(p.shape, 'readOnly', types) || flagged(p.shape, 'writeOnly', types) || hasAccessFlags(p.shape, types)) ||
        (shape.additionalProperties ? hasAccessFlags(shape.additionalProperties, types) : false)
      );
    case 'array':
      return hasAccessFlags(shape.items, types);
    case 'union':
      return shape.members.some((m) => hasAccessFlags(m, types));
    default:
      return false;
  }
}

/**
 * Whether `shape` carries the flag itself or, a ref, through the named type it
 * points at (`createdTime: {$ref: ServerTimestamp}` where `ServerTimestamp` is
 * `readOnly`: OpenAPI applies the referenced schema's flag to the property).
 */
function flagged(shape: Shape, flag: 'readOnly' | 'writeOnly', types: NormalizedSpec['types']): boolean {
  return shape[flag] === true || (shape.kind === 'ref' && types[shape.name]?.shape[flag] === true);
}

/** Copy of `shape` without properties flagged `drop`, with refs renamed by `rename`. */
function transform(shape: Shape, drop: 'readOnly' | 'writeOnly', rename: (name: string) => string, types: NormalizedSpec['types']): Shape {
  switch (shape.kind) {
    case 'ref':
      return { ...shape, name: rename(shape.name) };
    case 'array':
      return { ...shape, items: transform(shape.items, drop, rename, types) };
    case 'union':
      return { ...shape, members: shape.members.map((m) => transform(m, drop, rename, types)) };
    case 'object': {
      const out = { ...shape, properties: shape.properties.filter((p) => !flagged(p.shape, drop, types)).map((p) => ({ ...p, shape: transform(p.shape, drop, rename, types) })) };
      if (shape.additionalProperties) out.additionalProperties = transform(shape.additionalProperties, drop, rename, types);
      return out;
    }
    default:
      return shape;
  }
}

export function splitVariants(types: NormalizedSpec['types'], operations: Operation[], reserve: (wanted: string, ptr: string) => string, report: Reporter): NormalizedSpec['types'] {
  const names = Object.keys(types).sort();
  // A body field the server owns (readOnly, itself or through its type) is no param, split types or not.
  // The same list when none goes: the daemon's next spec.json then takes it as it was written (serialize-reuse.ts).
  for (const op of operations) {
    const kept = op.params.filter((p) => !(p.in === 'body' && flagged(p.schema, 'readOnly', types)));
    if (kept.length !== op.params.length) op.params = kept;
  }
  if (!names.some((n) => hasAccessFlags(types[n]!.shape, types))) return types;
  // Fixpoint: a `both` type splits when it has flags itself or refers to a splitting type.
  const split = new Set(names.filter((n) => types[n]!.usage === 'both' && hasAccessFlags(types[n]!.shape, types)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of names) {
      if (split.has(n) || types[n]!.usage !== 'both') continue;
      const refs = new Set<string>();
      refsOf(types[n]!.shape, refs);
      if ([...refs].some((r) => split.has(r))) {
        split.add(n);
        changed = true;
      }
    }
  }
  const inputName = new Map([...split].sort().map((n) => [n, reserve(`${n}Input`, types[n]!.pointer)]));
  const toInput = (n: string) => inputName.get(n) ?? n;
  const out: NormalizedSpec['types'] = {};
  for (const n of names) {
    const t = types[n]!;
    if (split.has(n)) {
      out[n] = { ...t, usage: 'response', shape: transform(t.shape, 'writeOnly', (x) => x, types) };
      const input = inputName.get(n)!;
      out[input] = { ...t, name: input, usage: 'request', shape: transform(t.shape, 'readOnly', toInput, types) } as NamedType;
      report.info('request-variant', `\`${n}\` differs between requests and responses (readOnly/writeOnly); request variant \`${input}\`.`, t.pointer);
    } else if (t.usage === 'request') {
      out[n] = { ...t, shape: transform(t.shape, 'readOnly', toInput, types) };
    } else {
      out[n] = { ...t, shape: transform(t.shape, 'writeOnly', (x) => x, types) };
    }
  }
  // New params and body (not changed in place: the normalizer's replayed steps share them with the last run).
  for (const op of operations) {
    op.params = op.params.map((p) => ({ ...p, schema: transform(p.schema, 'readOnly', toInput, types) }));
    if (op.body) op.body = { ...op.body, schema: transform(op.body.schema, 'readOnly', toInput, types) };
  }
  const sorted: NormalizedSpec['types'] = {};
  for (const n of Object.keys(out).sort()) sorted[n] = out[n]!;
  return sorted;
}
