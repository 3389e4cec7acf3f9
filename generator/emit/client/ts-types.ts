/**
 * IR shapes → TypeScript types. Nullable becomes `| null`, optional `?`,
 * keys that are not identifiers are quoted, and the audit-log tagged-payload
 * pattern becomes a union of per-tag variants so that checking the tag narrows
 * to its payload property. Types are built as `TypeNode`s and printed by the
 * layout engine (../layout/types.ts), which breaks them as prettier does.
 */
import type { NamedType, NormalizedSpec, ObjectShape, Property, Shape } from '../../ir/types.js';
import { GeneratorError } from '../../errors.js';
import { INDEX_KEY, interfaceDeclaration, intersection, objectType, propertySignature, ref, simple, typeAlias, typeDoc, union, type TypeMember, type TypeNode } from '../layout/types.js';
import { valuesSelecting } from '../../ir/discriminator.js';
import { uploadType } from './core-imports.js';
import { docLines, escapeComment, propertyKey, tsLiteral, tsString, writeLayout, type Writer } from './writer.js';

export { propertyKey };

export interface TypeContext {
  spec: NormalizedSpec;
  /** Called for every named type referenced, so the file can import it. */
  use: (name: string) => void;
  /** Called for every client-core type referenced (file under `src/`), so the file can import it. */
  useCore?: (name: string, file: string) => void;
}

/** JSDoc paragraphs for a shape: description, default, deprecation. */
export function shapeDocParts(shape: Shape, fallback?: string): string[] {
  const parts: string[] = [];
  const description = shape.description ?? fallback;
  if (description) parts.push(escapeComment(description));
  if (shape.deprecated) parts.push('@deprecated');
  return parts;
}

const NULL = simple('null');

/** The type of `shape`, `| null` included when it is nullable. */
export function typeNode(shape: Shape, ctx: TypeContext): TypeNode {
  const bare = bareType(shape, ctx);
  if (!shape.nullable || shape.kind === 'null' || shape.kind === 'unknown') return bare;
  return bare.kind === 'union' ? union([...bare.members, NULL]) : union([bare, NULL]);
}

function bareType(shape: Shape, ctx: TypeContext): TypeNode {
  switch (shape.kind) {
    case 'ref':
      if (!ctx.spec.types[shape.name]) {
        throw new GeneratorError(`reference to unknown type ${shape.name}`, { pointer: shape.pointer ?? '' }, 'the normalized spec is inconsistent; re-run `npm run import`');
      }
      ctx.use(shape.name);
      return simple(shape.name);
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      if (shape.enum && shape.enum.length > 0) return union(shape.enum.map((v) => simple(tsLiteral(v))));
      return simple(shape.kind === 'integer' ? 'number' : shape.kind);
    case 'null':
      return NULL;
    case 'file': {
      const upload = uploadType();
      if (upload.file) ctx.useCore?.(upload.name, upload.file);
      // A schema of the same name would shadow the global `Blob`.
      return simple(!upload.file && ctx.spec.types[upload.name] ? `globalThis.${upload.name}` : upload.name);
    }
    case 'literal':
      return simple(tsLiteral(shape.value));
    case 'unknown':
      return simple('unknown');
    case 'array':
      return ref('Array', [typeNode(shape.items, ctx)]);
    case 'union': {
      if (shape.members.length === 0) return simple('unknown');
      const open = shape.members.some(isStringLiteral);
      // `string | 'USD'` would collapse to `string`; `string & {}` keeps the known values in editor completions.
      const implied = shape.discriminator?.implied ? shape.discriminator : undefined;
      const members = shape.members.flatMap((m, i): TypeNode[] => {
        if (open && isOpenString(m)) return [intersection([simple('string'), objectType([], false)])];
        const t = typeNode(m, ctx);
        if (implied) {
          // The member carries no literal of its own: its values from the mapping, so the union narrows on the property.
          const values = valuesSelecting(implied.mapping, i).map((value) => simple(tsLiteral(value)));
          return [intersection([t, objectType([{ key: propertyKey(implied.property), type: union(values) }], false)])];
        }
        // An enum member's literals join the union (`'a' | 'b' | C`); a nested union or a nullable member keeps its parentheses.
        return t.kind === 'union' && m.kind !== 'union' && !m.nullable ? t.members : [t];
      });
      return union(members);
    }
    case 'object':
      return shape.taggedPayloads ? taggedObject(shape, ctx) : objectLiteral(shape, shape.properties, ctx);
  }
}

function isOpenString(shape: Shape): boolean {
  return shape.kind === 'string' && !shape.enum?.length && !shape.nullable;
}

function isStringLiteral(shape: Shape): boolean {
  return (shape.kind === 'literal' && typeof shape.value === 'string') || (shape.kind === 'string' && (shape.enum?.length ?? 0) > 0);
}

/** `{ …properties }` (one per line), with an index signature for maps. */
export function objectLiteral(shape: ObjectShape, properties: Property[], ctx: TypeContext): TypeNode {
  const additional = shape.additionalProperties;
  if (properties.length === 0) {
    if (additional && typeof additional === 'object') return objectType([{ key: INDEX_KEY, type: typeNode(additional, ctx) }], false);
    return additional === false ? ref('Record', [simple('string'), simple('never')]) : objectType([{ key: INDEX_KEY, type: simple('unknown') }], false);
  }
  const members = propertyMembers(properties, ctx);
  // A typed index signature would have to cover every named property too, so maps with fixed keys stay open.
  if (additional && typeof additional === 'object') members.push({ key: INDEX_KEY, type: simple('unknown') });
  return objectType(members);
}

export function propertyMembers(properties: Property[], ctx: TypeContext): TypeMember[] {
  return properties.map((prop) => ({
    comment: docLines(shapeDocParts(prop.shape)),
    key: propertyKey(prop.name),
    optional: !prop.required,
    type: typeNode(prop.shape, ctx),
  }));
}

/** Resolve refs to the underlying shape (for reading enum values of a tag). */
export function resolveShape(shape: Shape, spec: NormalizedSpec): Shape {
  let current = shape;
  for (let depth = 0; current.kind === 'ref' && depth < 20; depth++) {
    const next = spec.types[current.name];
    if (!next) break;
    current = next.shape;
  }
  return current;
}

/**
 * The audit-log pattern: common fields, intersected with one variant per tag
 * value that carries only that tag's payload property. Checking the tag
 * narrows to the variant, and a sibling payload is then a compile error.
 */
function taggedObject(shape: ObjectShape, ctx: TypeContext): TypeNode {
  const { tagProperty, payloads } = shape.taggedPayloads!;
  const tagProp = shape.properties.find((p) => p.name === tagProperty);
  const payloadNames = new Set(Object.values(payloads).filter((v): v is string => v !== null));
  const common = shape.properties.filter((p) => p.name !== tagProperty && !payloadNames.has(p.name));
  const tagShape = tagProp ? resolveShape(tagProp.shape, ctx.spec) : undefined;
  // Tag order follows the tag's enum (the document's order), then any tag only in the map.
  const enumValues = tagShape && 'enum' in tagShape && tagShape.enum ? tagShape.enum.map(String) : [];
  const tags = [...enumValues.filter((v) => v in payloads), ...Object.keys(payloads).filter((v) => !enumValues.includes(v)).sort()];
  for (const v of enumValues) if (!(v in payloads)) tags.push(v);
  // An optional tag stays optional: narrowing on `=== value` still works.
  const optional = tagProp !== undefined && !tagProp.required;
  const variants = tags.map((tag) => {
    const doc = tagProp ? docLines(shapeDocParts(tagProp.shape)) : undefined;
    const payloadName = payloads[tag];
    const payload = payloadName ? shape.properties.find((p) => p.name === payloadName) : undefined;
    const tagMember: TypeMember = { comment: doc, key: propertyKey(tagProperty), optional, type: simple(tsString(tag)) };
    if (!payload && !doc) return objectType([tagMember], false);
    return objectType([tagMember, ...(payload ? propertyMembers([payload], ctx) : [])]);
  });
  const members: TypeNode[] = [];
  if (common.length > 0 || (shape.additionalProperties && typeof shape.additionalProperties === 'object')) members.push(objectLiteral(shape, common, ctx));
  members.push(union(variants));
  return intersection(members);
}

/** A plain object that lists its properties (no tagged-payload variants), nullable or not. */
export function listsProperties(shape: Shape): shape is ObjectShape {
  return shape.kind === 'object' && !shape.taggedPayloads && shape.properties.length > 0;
}

/** A shape written as an interface (not a type alias): a plain object that lists its properties, not nullable. */
export function isInterfaceShape(shape: Shape): shape is ObjectShape {
  return listsProperties(shape) && !shape.nullable;
}

/** `export interface X {…}` or `export type X = …;`, with its JSDoc. */
export function writeNamedType(w: Writer, type: NamedType, ctx: TypeContext): void {
  for (const line of docLines(shapeDocParts(type.shape, type.description)) ?? []) w.writeLine(line);
  const shape = type.shape;
  if (isInterfaceShape(shape)) {
    const members = propertyMembers(shape.properties, ctx);
    if (shape.additionalProperties && typeof shape.additionalProperties === 'object') members.push({ key: INDEX_KEY, type: simple('unknown') });
    writeLayout(w, interfaceDeclaration(`export interface ${type.name}`, members));
    w.blankLine();
    return;
  }
  writeLayout(w, typeAlias(`export type ${type.name}`, typeNode(shape, ctx)));
  w.blankLine();
}

/** `key?: Type;` lines for the members of an interface being written. */
export function writeMembers(w: Writer, members: TypeMember[]): void {
  for (const m of members) {
    for (const line of m.comment ?? []) w.writeLine(line);
    writeLayout(w, propertySignature(m.key, m.optional ?? false, m.type));
  }
}

export { typeDoc };
