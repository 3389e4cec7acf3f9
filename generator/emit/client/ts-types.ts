/**
 * IR shapes → TypeScript type text. Nullable becomes `| null`, optional `?`,
 * keys that are not identifiers are quoted, and the audit-log tagged-payload
 * pattern becomes a union of per-tag variants so that checking the tag narrows
 * to its payload property.
 */
import type { NamedType, NormalizedSpec, ObjectShape, Property, Shape } from '../../ir/types.js';
import { GeneratorError } from '../../errors.js';
import { isIdentifier } from '../../names.js';
import { uploadType } from './core-imports.js';
import { createWriter, escapeComment, tsLiteral, tsString, writeDoc, type Writer } from './writer.js';

export interface TypeContext {
  spec: NormalizedSpec;
  /** Called for every named type referenced, so the file can import it. */
  use: (name: string) => void;
  /** Called for every client-core type referenced (file under `src/`), so the file can import it. */
  useCore?: (name: string, file: string) => void;
}

export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : tsString(name);
}

/** JSDoc paragraphs for a shape: description, default, deprecation. */
export function shapeDocParts(shape: Shape, fallback?: string): string[] {
  const parts: string[] = [];
  const description = shape.description ?? fallback;
  if (description) parts.push(escapeComment(description));
  if (shape.deprecated) parts.push('@deprecated');
  return parts;
}

/** Write the type of `shape` at the writer's current position (no trailing newline). */
export function writeType(w: Writer, shape: Shape, ctx: TypeContext): void {
  writeBareType(w, shape, ctx);
  if (shape.nullable && shape.kind !== 'null' && shape.kind !== 'unknown') w.write(' | null');
}

function writeBareType(w: Writer, shape: Shape, ctx: TypeContext): void {
  switch (shape.kind) {
    case 'ref':
      if (!ctx.spec.types[shape.name]) {
        throw new GeneratorError(`reference to unknown type ${shape.name}`, { pointer: shape.pointer ?? '' }, 'the normalized spec is inconsistent; re-run `npm run import`');
      }
      ctx.use(shape.name);
      w.write(shape.name);
      return;
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      if (shape.enum && shape.enum.length > 0) {
        w.write(shape.enum.map((v) => tsLiteral(v)).join(' | '));
        return;
      }
      w.write(shape.kind === 'integer' ? 'number' : shape.kind);
      return;
    case 'null':
      w.write('null');
      return;
    case 'file': {
      const upload = uploadType();
      if (upload.file) ctx.useCore?.(upload.name, upload.file);
      // A schema of the same name would shadow the global `Blob`.
      w.write(!upload.file && ctx.spec.types[upload.name] ? `globalThis.${upload.name}` : upload.name);
      return;
    }
    case 'literal':
      w.write(tsLiteral(shape.value));
      return;
    case 'unknown':
      w.write('unknown');
      return;
    case 'array':
      w.write('Array<');
      writeType(w, shape.items, ctx);
      w.write('>');
      return;
    case 'union':
      if (shape.members.length === 0) {
        w.write('unknown');
        return;
      }
      shape.members.forEach((member, i) => {
        if (i > 0) w.write(' | ');
        if (isOpenString(member) && shape.members.some(isStringLiteral)) {
          // `string | 'USD'` would collapse to `string`; this keeps the known values in editor completions.
          w.write('(string & {})');
          return;
        }
        const paren = member.kind === 'union' || (member.nullable === true && member.kind !== 'null');
        if (paren) w.write('(');
        writeType(w, member, ctx);
        if (paren) w.write(')');
      });
      return;
    case 'object':
      if (shape.taggedPayloads) writeTaggedObject(w, shape, ctx);
      else writeObjectLiteral(w, shape, shape.properties, ctx);
      return;
  }
}

function isOpenString(shape: Shape): boolean {
  return shape.kind === 'string' && !shape.enum?.length && !shape.nullable;
}

function isStringLiteral(shape: Shape): boolean {
  return (shape.kind === 'literal' && typeof shape.value === 'string') || (shape.kind === 'string' && (shape.enum?.length ?? 0) > 0);
}

/** `{ …properties }`, with an index signature for maps. */
export function writeObjectLiteral(w: Writer, shape: ObjectShape, properties: Property[], ctx: TypeContext, extra?: (w: Writer) => void): void {
  const additional = shape.additionalProperties;
  if (properties.length === 0 && !extra) {
    if (additional && typeof additional === 'object') {
      w.write('{ [key: string]: ');
      writeType(w, additional, ctx);
      w.write(' }');
    } else {
      w.write(additional === false ? 'Record<string, never>' : '{ [key: string]: unknown }');
    }
    return;
  }
  w.write('{').newLine();
  w.indent(() => {
    extra?.(w);
    writeProperties(w, properties, ctx);
    // A typed index signature would have to cover every named property too, so maps with fixed keys stay open.
    if (additional && typeof additional === 'object') w.writeLine('[key: string]: unknown;');
  });
  w.write('}');
}

export function writeProperties(w: Writer, properties: Property[], ctx: TypeContext): void {
  for (const prop of properties) {
    writeDoc(w, shapeDocParts(prop.shape));
    w.write(`${propertyKey(prop.name)}${prop.required ? '' : '?'}: `);
    writeType(w, prop.shape, ctx);
    w.write(';').newLine();
  }
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
function writeTaggedObject(w: Writer, shape: ObjectShape, ctx: TypeContext): void {
  const { tagProperty, payloads } = shape.taggedPayloads!;
  const tagProp = shape.properties.find((p) => p.name === tagProperty);
  const payloadNames = new Set(Object.values(payloads).filter((v): v is string => v !== null));
  const common = shape.properties.filter((p) => p.name !== tagProperty && !payloadNames.has(p.name));
  const tagShape = tagProp ? resolveShape(tagProp.shape, ctx.spec) : undefined;
  // Tag order follows the tag's enum (the document's order), then any tag only in the map.
  const enumValues = tagShape && 'enum' in tagShape && tagShape.enum ? tagShape.enum.map(String) : [];
  const tags = [...enumValues.filter((v) => v in payloads), ...Object.keys(payloads).filter((v) => !enumValues.includes(v)).sort()];
  for (const v of enumValues) if (!(v in payloads)) tags.push(v);
  if (common.length > 0 || (shape.additionalProperties && typeof shape.additionalProperties === 'object')) {
    writeObjectLiteral(w, shape, common, ctx);
    w.write(' & ');
  }
  w.write('(').newLine();
  // An optional tag stays optional: narrowing on `=== value` still works.
  const tagKey = `${propertyKey(tagProperty)}${tagProp && !tagProp.required ? '?' : ''}`;
  w.indent(() => {
    for (const tag of tags) {
      const doc = tagProp ? shapeDocParts(tagProp.shape) : [];
      const payloadName = payloads[tag];
      const payload = payloadName ? shape.properties.find((p) => p.name === payloadName) : undefined;
      if (!payload && doc.length === 0) {
        w.writeLine(`| { ${tagKey}: ${tsString(tag)} }`);
        continue;
      }
      w.writeLine('| {');
      w.indent(() => {
        writeDoc(w, doc);
        w.writeLine(`${tagKey}: ${tsString(tag)};`);
        if (payload) writeProperties(w, [payload], ctx);
      });
      w.writeLine('}');
    }
  });
  w.write(')');
}

/** `export interface X {…}` or `export type X = …;`, with its JSDoc. */
export function writeNamedType(w: Writer, type: NamedType, ctx: TypeContext): void {
  writeDoc(w, shapeDocParts(type.shape, type.description));
  const shape = type.shape;
  if (shape.kind === 'object' && !shape.taggedPayloads && !shape.nullable && shape.properties.length > 0) {
    w.write(`export interface ${type.name} `);
    writeObjectLiteral(w, shape, shape.properties, ctx);
    w.newLine().blankLine();
    return;
  }
  const members = unionMemberTexts(shape, ctx);
  if (members && `export type ${type.name} = ${members.join(' | ')};`.length > 100) {
    // Long enums and unions read (and diff) better one member per line.
    w.writeLine(`export type ${type.name} =`);
    w.indent(() => members.forEach((m, i) => w.writeLine(`| ${m}${i === members.length - 1 ? ';' : ''}`)));
    w.blankLine();
    return;
  }
  w.write(`export type ${type.name} = `);
  writeType(w, shape, ctx);
  w.write(';').newLine().blankLine();
}

/** One-line texts of an enum's or union's members (with `null` last when nullable), else undefined. */
function unionMemberTexts(shape: Shape, ctx: TypeContext): string[] | undefined {
  let texts: string[];
  if ((shape.kind === 'string' || shape.kind === 'integer' || shape.kind === 'number') && shape.enum && shape.enum.length > 1) {
    texts = shape.enum.map((v) => tsLiteral(v));
  } else if (shape.kind === 'union' && shape.members.length > 1) {
    const open = shape.members.some(isStringLiteral);
    texts = shape.members.map((m) => {
      if (open && isOpenString(m)) return '(string & {})';
      const t = createWriter();
      writeType(t, m, ctx);
      const text = t.toString();
      return m.kind === 'union' || (m.nullable && m.kind !== 'null') ? `(${text})` : text;
    });
    if (texts.some((t) => t.includes('\n'))) return undefined;
  } else {
    return undefined;
  }
  if (shape.nullable) texts.push('null');
  return texts;
}
