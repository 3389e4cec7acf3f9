/**
 * Helpers over IR shapes used by the diff: following refs, structural
 * equality that ignores documentation, and short type descriptions for
 * one-line reasons.
 */
import type { NormalizedSpec, Shape } from '../ir/types.js';

/** The shape a ref stands for (chains followed), keeping the ref's own nullability. */
export function resolveShape(spec: NormalizedSpec, shape: Shape): Shape {
  let current = shape;
  const nullable = shape.nullable;
  for (let hops = 0; current.kind === 'ref' && hops < 32; hops++) {
    const target = spec.types[current.name];
    if (!target) return current;
    current = target.shape;
  }
  return nullable && !current.nullable ? { ...current, nullable: true } : current;
}

function sameSet(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  const set = new Set(a.map((v) => JSON.stringify(v)));
  return b.every((v) => set.has(JSON.stringify(v)));
}

const CONSTRAINT_KEYS = [
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
] as const;

/**
 * True when two shapes accept and produce the same values, whatever their
 * names or docs: refs are followed on both sides, so a schema that was only
 * renamed compares equal.
 */
export function sameStructure(
  oldSpec: NormalizedSpec,
  a: Shape,
  newSpec: NormalizedSpec,
  b: Shape,
  seen: Set<string> = new Set(),
): boolean {
  if (a.kind === 'ref' || b.kind === 'ref') {
    const key = `${a.kind === 'ref' ? a.name : '~'}|${b.kind === 'ref' ? b.name : '~'}`;
    if (a.kind === 'ref' && b.kind === 'ref' && seen.has(key)) return true; // assume equal on a cycle
    seen.add(key);
    return sameStructure(oldSpec, resolveShape(oldSpec, a), newSpec, resolveShape(newSpec, b), seen);
  }
  if (a.kind !== b.kind || Boolean(a.nullable) !== Boolean(b.nullable)) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of CONSTRAINT_KEYS) if (JSON.stringify(ra[key]) !== JSON.stringify(rb[key])) return false;
  switch (a.kind) {
    case 'literal':
      return b.kind === 'literal' && a.value === b.value;
    case 'array':
      return b.kind === 'array' && sameStructure(oldSpec, a.items, newSpec, b.items, seen);
    case 'object': {
      if (b.kind !== 'object' || a.properties.length !== b.properties.length) return false;
      const byName = new Map(b.properties.map((p) => [p.name, p]));
      for (const prop of a.properties) {
        const other = byName.get(prop.name);
        if (!other || other.required !== prop.required) return false;
        if (!sameStructure(oldSpec, prop.shape, newSpec, other.shape, seen)) return false;
      }
      const ap = a.additionalProperties;
      const bp = b.additionalProperties;
      if (ap === undefined || ap === false || bp === undefined || bp === false) return ap === bp;
      return sameStructure(oldSpec, ap, newSpec, bp, seen);
    }
    case 'union': {
      if (b.kind !== 'union' || a.members.length !== b.members.length) return false;
      // Members may be reordered; each old member must match a distinct new one.
      const left = [...b.members];
      for (const member of a.members) {
        const index = left.findIndex((m) => sameStructure(oldSpec, member, newSpec, m, new Set(seen)));
        if (index < 0) return false;
        left.splice(index, 1);
      }
      return true;
    }
    case 'unknown':
      return true;
    default:
      return sameSet((a as { enum?: unknown[] }).enum, (b as { enum?: unknown[] }).enum);
  }
}

/** A short TypeScript-like rendering for messages: `string`, `'a' | 'b'`, `Project[]`, `{ id, name }`. */
export function describeShape(shape: Shape, depth = 0): string {
  const suffix = shape.nullable ? ' | null' : '';
  switch (shape.kind) {
    case 'ref':
      return shape.name + suffix;
    case 'literal':
      return JSON.stringify(shape.value) + suffix;
    case 'array': {
      const inner = describeShape(shape.items, depth + 1);
      return (/[ |]/.test(inner) ? `Array<${inner}>` : `${inner}[]`) + suffix;
    }
    case 'object': {
      if (shape.properties.length === 0) {
        return (shape.additionalProperties ? `Record<string, ${describeShape(shape.additionalProperties, depth + 1)}>` : 'object') + suffix;
      }
      if (depth > 0) return 'object' + suffix;
      const names = shape.properties.slice(0, 4).map((p) => p.name + (p.required ? '' : '?'));
      return `{ ${names.join(', ')}${shape.properties.length > 4 ? ', …' : ''} }` + suffix;
    }
    case 'union':
      if (depth > 0) return 'union' + suffix;
      return shape.members.map((m) => describeShape(m, depth + 1)).join(' | ') + suffix;
    case 'unknown':
      return 'unknown';
    case 'file':
      return 'file' + suffix;
    default: {
      if (shape.enum) {
        const values = shape.enum.slice(0, 4).map((v) => JSON.stringify(v));
        return values.join(' | ') + (shape.enum.length > 4 ? ` | … (${shape.enum.length})` : '') + suffix;
      }
      return shape.kind + (shape.format ? ` (${shape.format})` : '') + suffix;
    }
  }
}

/** The value of a dotted/indexed key for messages: quotes non-identifiers. */
export function memberName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The shape without its own description, for a position whose description is compared by its owner (a named type, a param). */
export function withoutDescription(shape: Shape): Shape {
  const { description: _description, ...rest } = shape;
  return rest as Shape;
}
