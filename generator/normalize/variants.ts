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

function hasAccessFlags(shape: Shape): boolean {
  switch (shape.kind) {
    case 'object':
      return shape.properties.some((p) => p.shape.readOnly || p.shape.writeOnly || hasAccessFlags(p.shape)) || (shape.additionalProperties ? hasAccessFlags(shape.additionalProperties) : false);
    case 'array':
      return hasAccessFlags(shape.items);
    case 'union':
      return shape.members.some(hasAccessFlags);
    default:
      return false;
  }
}

/** Copy of `shape` without properties flagged `drop`, with refs renamed by `rename`. */
function transform(shape: Shape, drop: 'readOnly' | 'writeOnly', rename: (name: string) => string): Shape {
  switch (shape.kind) {
    case 'ref':
      return { ...shape, name: rename(shape.name) };
    case 'array':
      return { ...shape, items: transform(shape.items, drop, rename) };
    case 'union':
      return { ...shape, members: shape.members.map((m) => transform(m, drop, rename)) };
    case 'object': {
      const out = { ...shape, properties: shape.properties.filter((p) => !p.shape[drop]).map((p) => ({ ...p, shape: transform(p.shape, drop, rename) })) };
      if (shape.additionalProperties) out.additionalProperties = transform(shape.additionalProperties, drop, rename);
      return out;
    }
    default:
      return shape;
  }
}

export function splitVariants(types: NormalizedSpec['types'], operations: Operation[], reserve: (wanted: string, ptr: string) => string, report: Reporter): NormalizedSpec['types'] {
  const names = Object.keys(types).sort();
  if (!names.some((n) => hasAccessFlags(types[n]!.shape))) return types;
  // Fixpoint: a `both` type splits when it has flags itself or refers to a splitting type.
  const split = new Set(names.filter((n) => types[n]!.usage === 'both' && hasAccessFlags(types[n]!.shape)));
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
      out[n] = { ...t, usage: 'response', shape: transform(t.shape, 'writeOnly', (x) => x) };
      const input = inputName.get(n)!;
      out[input] = { ...t, name: input, usage: 'request', shape: transform(t.shape, 'readOnly', toInput) } as NamedType;
      report.info('request-variant', `\`${n}\` differs between requests and responses (readOnly/writeOnly); request variant \`${input}\`.`, t.pointer);
    } else if (t.usage === 'request') {
      out[n] = { ...t, shape: transform(t.shape, 'readOnly', toInput) };
    } else {
      out[n] = { ...t, shape: transform(t.shape, 'writeOnly', (x) => x) };
    }
  }
  for (const op of operations) {
    for (const p of op.params) p.schema = transform(p.schema, 'readOnly', toInput);
    if (op.body) op.body.schema = transform(op.body.schema, 'readOnly', toInput);
    op.params = op.params.filter((p) => !(p.in === 'body' && p.schema.readOnly));
  }
  const sorted: NormalizedSpec['types'] = {};
  for (const n of Object.keys(out).sort()) sorted[n] = out[n]!;
  return sorted;
}
