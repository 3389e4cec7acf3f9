/**
 * The request body: which of the offered media types is sent and how it is
 * encoded (JSON, multipart, JSON-or-multipart, form, raw), its fields
 * (flattened into `in: 'body'` params) and which fields hold uploads.
 */
import { escapePointerSegment } from '../errors.js';
import type { BodyEncoding, FieldStyle, Param, PartType, RequestBody, Shape } from '../ir/types.js';
import type { RefResolver } from '../load/refs.js';
import { firstJsonType, isBinarySchema, isForm, isMultipart, isTextual } from './media.js';
import type { RawOperation } from './operations.js';
import { paramName, pascalCase } from '../names.js';
import type { Reporter } from './report.js';
import { declaresNonObject, type ShapeBuilder } from './shapes.js';
import { stringUpload, type StringUpload } from './string-uploads.js';
import { impliedMapping } from './unions.js';
import { valuesSelecting } from '../ir/discriminator.js';

type Raw = Record<string, any>;

export interface BodyChoice {
  /** The media type sent as JSON, form or raw (for `json-or-multipart`, the JSON one). */
  contentType: string;
  /** The media type whose schema gives the body's shape and first fields. */
  schemaType: string;
  /** For `json-or-multipart`: the JSON media type, whose extra fields are merged in. */
  mergeType?: string;
  encoding?: BodyEncoding;
  alternatives: string[];
}

/**
 * JSON Patch (RFC 6902): its body is a list of operations, not the object the
 * other JSON types of the same operation send (Kubernetes lists it first
 * beside merge patches, with one object schema for all), so it is chosen
 * only when no other JSON type is offered.
 */
const JSON_PATCH = /^application\/json-patch\+json(;.*)?$/i;
const isJsonPatch = (t: string) => JSON_PATCH.test(t);

/**
 * Which offered media type(s) to use: JSON and multipart together become
 * `json-or-multipart` (uploads go as multipart, everything else as JSON, as
 * openai-node's maybeMultipartFormRequestOptions does); else JSON (JSON Patch
 * last), multipart, form and any other type (sent raw) in that order of preference.
 */
export function chooseBodyMedia(types: string[]): BodyChoice | undefined {
  if (types.length === 0) return undefined;
  const json = firstJsonType(types.filter((t) => !isJsonPatch(t))) ?? firstJsonType(types);
  const multipart = types.find(isMultipart);
  const form = types.find(isForm);
  const rest = (...used: Array<string | undefined>) => types.filter((t) => !used.includes(t));
  if (json && multipart) return { contentType: json, schemaType: multipart, mergeType: json, encoding: 'json-or-multipart', alternatives: rest(json, multipart) };
  if (json) return { contentType: json, schemaType: json, alternatives: rest(json) };
  if (multipart) return { contentType: multipart, schemaType: multipart, encoding: 'multipart', alternatives: rest(multipart) };
  if (form) return { contentType: form, schemaType: form, encoding: 'form', alternatives: rest(form) };
  return { contentType: types[0]!, schemaType: types[0]!, encoding: 'raw', alternatives: rest(types[0]) };
}

/**
 * JSON-or-multipart needs a JSON form that is an object with properties, whose
 * fields the multipart ones are merged with. Any other JSON form (Mist's asset
 * import: a JSON array, or a CSV file as multipart) shares no fields with the
 * multipart one, which is then the body. (Merged, the multipart fields went
 * as a JSON object, `{}` when none was given, that the JSON schema refuses.)
 * Returns the choice and, for JSON-or-multipart, the JSON form's fields, read
 * once: merged into the params, and kept as text by stringUploads.
 */
function withMergeableJson(choice: BodyChoice | undefined, content: Raw, ptr: string, shapes: ShapeBuilder, resolver: RefResolver, report: Reporter): { choice?: BodyChoice; jsonFields?: RawField[] } {
  if (choice?.encoding !== 'json-or-multipart') return { choice };
  const jsonFields = objectFields(content[choice.mergeType!]?.schema, `${ptr}/content/${escapePointerSegment(choice.mergeType!)}/schema`, shapes);
  if (jsonFields) return { choice, jsonFields };
  // Neither form has fields and the multipart one cannot be sent at all (Slicebox's list of IDs, an array under
  // JSON, octet-stream and multipart alike): the body is the JSON one. Sent as multipart, every call failed.
  if (unsendableMultipart(content[choice.schemaType]?.schema, `${ptr}/content/${escapePointerSegment(choice.schemaType)}/schema`, resolver)) {
    report.info('body-json-not-multipart', `The \`${choice.schemaType}\` schema is no object of named parts, so a client cannot send it: the body is sent as \`${choice.contentType}\`.`, ptr);
    return { choice: { contentType: choice.contentType, schemaType: choice.contentType, alternatives: [choice.schemaType, ...choice.alternatives] } };
  }
  report.info('body-merge-skipped', `The \`${choice.mergeType}\` schema is not an object with properties, so it shares no fields with \`${choice.schemaType}\`: the body is sent as \`${choice.schemaType}\`.`, ptr);
  return { choice: { contentType: choice.schemaType, schemaType: choice.schemaType, encoding: 'multipart', alternatives: [choice.mergeType!, ...choice.alternatives] } };
}

/**
 * A form-urlencoded body with a file field (Swagger 2.0's `type: file` under `consumes:
 * application/x-www-form-urlencoded`, which 2.0 allows) is sent as `multipart/form-data`: a
 * urlencoded form has no way to carry a file's bytes, and the file was dropped from the request.
 */
function withFormFiles(choice: BodyChoice | undefined, content: Raw, ptr: string, resolver: RefResolver, report: Reporter): BodyChoice | undefined {
  if (choice?.encoding !== 'form') return choice;
  const schemaPtr = `${ptr}/content/${escapePointerSegment(choice.schemaType)}/schema`;
  if (!containsFile(content[choice.schemaType]?.schema, schemaPtr, resolver)) return choice;
  report.warn('form-file-multipart', `The form body \`${choice.schemaType}\` has a file field: it is sent as \`multipart/form-data\`, since a urlencoded form cannot carry a file.`, `${ptr}/content/${escapePointerSegment(choice.schemaType)}`);
  return { ...choice, contentType: 'multipart/form-data', encoding: 'multipart' };
}

/**
 * A form body whose schema is a string (Spoonacular's `text=…` bodies: `type: string`, an encoded form as the
 * example) is the encoded form itself: it is sent as-is with its form type. As fields it could not be sent at all
 * (a form is built from an object of fields, and every call failed before a request).
 */
function withTextForm(choice: BodyChoice | undefined, content: Raw, ptr: string, resolver: RefResolver, report: Reporter): BodyChoice | undefined {
  if (choice?.encoding !== 'form') return choice;
  const node = resolver.deref(content[choice.schemaType]?.schema, `${ptr}/content/${escapePointerSegment(choice.schemaType)}/schema`).node as Raw | undefined;
  if (node?.type !== 'string' || isBinarySchema(node, ptr, resolver)) return choice;
  report.info('form-body-text', `The form body \`${choice.schemaType}\` is a string: it is sent as-is, already encoded.`, `${ptr}/content/${escapePointerSegment(choice.schemaType)}`);
  return { ...choice, encoding: 'raw' };
}

/** Whether a raw schema holds binary content anywhere: itself, array items, union members or (nested) properties. */
export function containsFile(schema: unknown, ptr: string, resolver: RefResolver, seen = new Set<string>()): boolean {
  const d = resolver.deref(schema, ptr);
  const node = d.node as Raw | undefined;
  if (!node || typeof node !== 'object' || seen.has(d.ptr)) return false;
  seen.add(d.ptr);
  if (isBinarySchema(node, d.ptr, resolver)) return true;
  if (node.items && containsFile(node.items, `${d.ptr}/items`, resolver, seen)) return true;
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(node[key]) && node[key].some((m: unknown, i: number) => containsFile(m, `${d.ptr}/${key}/${i}`, resolver, seen))) return true;
  }
  return Object.entries((node.properties ?? {}) as Raw).some(([k, v]) => containsFile(v, `${d.ptr}/properties/${escapePointerSegment(k)}`, resolver, seen));
}

interface RawField {
  name: string;
  schema: unknown;
  ptr: string;
  required: boolean;
  /** A discriminator's values from its mapping, in place of the member's own schema of the field. */
  implied?: boolean;
}

function objectFields(schema: unknown, sptr: string, shapes: ShapeBuilder): RawField[] | undefined {
  if (!schema) return undefined;
  const flat = shapes.flatten(schema as Raw, sptr);
  if (!flat.schema.properties || flat.schema.oneOf || flat.schema.anyOf) return undefined;
  // `type: array` beside `properties` (FormAPI's batch body): the body is the array, as its type says.
  if (declaresNonObject(flat.schema)) return undefined;
  const required = new Set<string>(flat.schema.required ?? []);
  return Object.entries(flat.schema.properties as Raw).map(([name, sub]) => ({
    name,
    schema: sub,
    ptr: flat.propPtr.get(name) ?? `${sptr}/properties/${escapePointerSegment(name)}`,
    required: required.has(name),
  }));
}

interface UnionBody {
  /** Every field of any variant, in first-seen order: `f` from the first variant having it, `others` its differing schemas. */
  fields: Array<{ f: RawField; others?: RawField[] }>;
  /** `own`: the member's fields whose schema differs from the first one seen (typed per member). */
  variants: Array<{ name: string; fields: string[]; required: string[]; pointer: string; own: RawField[] }>;
}

/**
 * A body that is a union of objects: `oneOf`/`anyOf` members that are all
 * objects (their fields merged with the body's own `properties`), or members
 * that only add `required` to the body's properties (`anyOf: [{required:
 * [file_ids]}, {required: [files]}]`). Undefined for any other union (a
 * scalar or array member, a nested union, a required name with no
 * property): that body stays one `body` value.
 */
function unionFields(schema: unknown, sptr: string, shapes: ShapeBuilder, resolver: RefResolver): UnionBody | undefined {
  const flat = shapes.flatten(schema as Raw, sptr);
  const key = Array.isArray(flat.schema.oneOf) ? 'oneOf' : Array.isArray(flat.schema.anyOf) ? 'anyOf' : undefined;
  if (!key || (flat.schema.oneOf && flat.schema.anyOf) || flat.schema[key].length < 2) return undefined;
  const holder = resolver.deref(schema, sptr).ptr;
  const own = (flat.schema.properties ? objectFields({ properties: flat.schema.properties, required: flat.schema.required }, sptr, shapes) ?? [] : [])
    .map((f) => ({ ...f, ptr: flat.propPtr.get(f.name) ?? `${holder}/properties/${escapePointerSegment(f.name)}` }));
  const byName = new Map<string, { f: RawField; others: RawField[]; count: number }>();
  const order: string[] = [];
  const variants: UnionBody['variants'] = [];
  const members = flat.schema[key] as unknown[];
  // A declared discriminator the members carry no literal for: each member's field takes its values from the mapping.
  const discriminator = typeof flat.schema.discriminator?.propertyName === 'string' ? (flat.schema.discriminator.propertyName as string) : undefined;
  const implied = discriminator ? impliedMapping(flat.schema, members.map((raw, i) => ({ raw: raw as Raw, ptr: `${holder}/${key}/${i}` })), discriminator, resolver) : undefined;
  for (let i = 0; i < members.length; i++) {
    const mptr = `${holder}/${key}/${i}`;
    const m = shapes.flatten(members[i] as Raw, mptr);
    if (m.schema.oneOf || m.schema.anyOf || m.schema.not || (m.schema.type !== undefined && m.schema.type !== 'object')) return undefined;
    const mref = resolver.deref(members[i], mptr).ptr;
    const added = (m.schema.properties ? objectFields({ properties: m.schema.properties, required: m.schema.required }, mref, shapes) ?? [] : [])
      .map((f) => ({ ...f, ptr: m.propPtr.get(f.name) ?? `${mref}/properties/${escapePointerSegment(f.name)}` }));
    const extraRequired = new Set<string>(Array.isArray(m.schema.required) ? m.schema.required : []);
    // A member's own property wins over the body's property of that name.
    const fields: RawField[] = [...own.filter((f) => !added.some((a) => a.name === f.name)), ...added].map((f) => {
      const required = f.required || extraRequired.has(f.name);
      if (!implied || f.name !== discriminator) return { ...f, required };
      return { ...f, schema: { type: 'string', enum: valuesSelecting(implied, i) }, required: true, implied: true };
    });
    if (!fields.length || [...extraRequired].some((r) => !fields.some((f) => f.name === r))) return undefined;
    for (const f of fields) {
      const known = byName.get(f.name);
      if (!known) {
        byName.set(f.name, { f, others: [], count: 1 });
        order.push(f.name);
        continue;
      }
      known.count++;
      known.f = { ...known.f, required: known.f.required && f.required };
      const same = (x: RawField) => (x.ptr === f.ptr && !x.implied && !f.implied) || JSON.stringify(x.schema) === JSON.stringify(f.schema);
      if (!same(known.f) && !known.others.some(same)) known.others.push(f);
    }
    variants.push({ name: variantName(members[i], m.schema, fields, resolver, i), fields: fields.map((f) => f.name), required: fields.filter((f) => f.required).map((f) => f.name), pointer: mref, own: [] });
    variants.at(-1)!.own = fields;
  }
  const taken = new Set<string>();
  for (const v of variants) {
    let name = v.name;
    for (let n = 2; taken.has(name); n++) name = `${v.name}${n}`;
    taken.add(name);
    v.name = name;
  }
  // Per member, its own type of each field the members type differently (a discriminator literal, say).
  for (const v of variants) v.own = v.own.filter((f) => byName.get(f.name)!.others.length > 0);
  return {
    // A field missing from some variant is never required overall.
    fields: order.map((n) => {
      const k = byName.get(n)!;
      return { f: { ...k.f, required: k.f.required && k.count === variants.length }, ...(k.others.length ? { others: k.others } : {}) };
    }),
    variants,
  };
}

/**
 * A member's ref name or title; else the one value it fixes for a required
 * field (a discriminator: `type: url` → `URL`); else the first field the
 * member itself requires; else its position.
 */
function variantName(raw: unknown, schema: Raw, fields: RawField[], resolver: RefResolver, index: number): string {
  const ref = (raw as Raw)?.$ref;
  const fromRef = typeof ref === 'string' ? pascalCase(ref.split('/').pop()!) : '';
  if (fromRef) return fromRef;
  if (typeof schema.title === 'string' && pascalCase(schema.title)) return pascalCase(schema.title);
  for (const f of fields.filter((x) => x.required)) {
    const node = resolver.deref(f.schema, f.ptr).node as Raw | undefined;
    const fixed = node?.const !== undefined ? [node.const] : Array.isArray(node?.enum) && node.enum.length === 1 ? node.enum : [];
    if (typeof fixed[0] === 'string' && pascalCase(fixed[0])) return pascalCase(fixed[0]);
  }
  const mine: unknown[] = Array.isArray(schema.required) ? schema.required : [];
  const first = fields.find((f) => mine.includes(f.name));
  return (first && pascalCase(first.name)) || `Variant${index + 1}`;
}

/**
 * Body fields take their clean names here; uniqueParamNames (operations.ts) settles clashes with other params.
 * `styledMultipart`: the document is OpenAPI 3.1+, where an `encoding` entry's `style`/`explode` apply to multipart too.
 */
export function buildBody(raw: RawOperation, typePrefix: string, shapes: ShapeBuilder, resolver: RefResolver, report: Reporter, styledMultipart = false): { body?: RequestBody; fields: Param[] } {
  if (raw.op.requestBody === undefined) return { fields: [] };
  const d = resolver.deref(raw.op.requestBody, `${raw.pointer}/requestBody`);
  const rb = d.node as Raw;
  if (raw.httpMethod === 'get' || raw.httpMethod === 'head') {
    // fetch refuses to send one (a call would fail as a connection error); Stripe's GETs declare empty ones.
    // Warned unless every media type's schema is an empty object (after allOf): real fields are lost.
    const fields = Object.entries<Raw>(rb?.content ?? {}).some(([type, m]) => {
      if (!m?.schema) return false;
      const flat = shapes.flatten(m.schema, `${d.ptr}/content/${escapePointerSegment(type)}/schema`).schema;
      return Object.keys(flat.properties ?? {}).length > 0 || flat.oneOf || flat.anyOf || flat.items || (flat.type !== undefined && flat.type !== 'object') || (flat.additionalProperties !== undefined && flat.additionalProperties !== false);
    });
    report.add(fields ? 'warning' : 'info', 'body-on-get', `A ${raw.httpMethod.toUpperCase()} request body is left out: fetch (Node, browsers) cannot send one.`, d.ptr);
    return { fields: [] };
  }
  const content: Raw = rb?.content && typeof rb.content === 'object' ? rb.content : {};
  const offered = withTextForm(withFormFiles(chooseBodyMedia(Object.keys(content)), content, d.ptr, resolver, report), content, d.ptr, resolver, report);
  const { choice, jsonFields } = withMergeableJson(offered, content, d.ptr, shapes, resolver, report);
  if (!choice) {
    report.unsupported('body-no-content', 'Request body without content is not represented.', d.ptr);
    return { fields: [] };
  }
  const schemaPtr = (t: string) => `${d.ptr}/content/${escapePointerSegment(t)}/schema`;
  const sptr = schemaPtr(choice.schemaType);
  const rawSchema = choice.encoding === 'multipart' ? asFilePart(content[choice.schemaType].schema, rb.required === true, sptr, resolver, report) : content[choice.schemaType].schema;
  const schema: Shape = choice.encoding === 'raw'
    ? rawBodyShape(choice.contentType, rawSchema, sptr, shapes, resolver)
    : rawSchema && shapes.isComplexInline(rawSchema)
      ? shapes.named(shapes.reserveName(`${typePrefix}Body`, sptr), rawSchema, sptr)
      : shapes.shape(rawSchema, sptr);
  const body: RequestBody = { contentType: choice.contentType, required: rb.required === true, schema, flattened: false, pointer: d.ptr };
  if (choice.encoding) body.encoding = choice.encoding;
  if (choice.alternatives.length) {
    body.alternatives = choice.alternatives;
    report.info('body-alternate-content', `Request body also accepts ${choice.alternatives.map((t) => `\`${t}\``).join(', ')}; ${describe(choice)} is used.`, d.ptr);
  }

  const fields: Param[] = [];
  const primary = choice.encoding === 'raw' ? undefined : objectFields(rawSchema, sptr, shapes);
  const union = primary || choice.encoding === 'raw' || choice.mergeType || !rawSchema ? undefined : unionFields(rawSchema, sptr, shapes, resolver);
  if (primary || union) {
    body.flattened = true;
    const merged: Array<{ f: RawField; others?: RawField[] }> = union
      ? union.fields
      : choice.mergeType
        ? mergeFields(primary!, jsonFields!).map(({ f, other }) => ({ f, ...(other ? { others: [other] } : {}) }))
        : primary!.map((f) => ({ f }));
    const files: string[] = [];
    const uploads = multipartChoice(choice) ? stringUploads(content[choice.schemaType], jsonFields, styledMultipart, resolver) : undefined;
    const inferred: string[] = [];
    const fieldShape = (x: RawField): Shape => {
      const upload = uploads?.(x);
      if (upload && !inferred.includes(`\`${x.name}\` (${upload.reason})`)) inferred.push(`\`${x.name}\` (${upload.reason})`);
      return upload?.shape ?? shapes.shape(x.schema, x.ptr);
    };
    for (const { f, others = [] } of merged) {
      const clean = paramName(f.name);
      let shape = fieldShape(f);
      for (const other of others) shape = unionOf(shape, fieldShape(other));
      if (multipartChoice(choice) && ([f, ...others].some((x) => containsFile(x.schema, x.ptr, resolver)) || containsFileShape(shape))) files.push(clean);
      fields.push({
        name: clean,
        wireName: f.name,
        in: 'body',
        required: f.required && others.every((o) => o.required),
        schema: shape,
        style: 'json',
        explode: false,
        ...(shape.description ? { description: shape.description } : {}),
        deprecated: shape.deprecated === true,
        pointer: f.ptr,
      });
    }
    if (files.length) body.files = files;
    if (inferred.length) {
      report.info('multipart-string-upload', `Multipart fields typed as plain strings are sent as uploads: ${inferred.join(', ')}.`, `${d.ptr}/content/${escapePointerSegment(choice.schemaType)}`);
    }
    if (union) {
      body.variants = union.variants.map(({ own, ...v }) => {
        const types = Object.fromEntries(own.map((f) => [paramName(f.name), fieldShape(f)]));
        return { ...v, fields: v.fields.map(paramName), required: v.required.map(paramName), ...(own.length ? { types } : {}) };
      });
      report.info('body-union-flattened', `Request body is a union of ${union.variants.length} objects (${union.variants.map((v) => v.name).join(', ')}); their fields are the params, typed as one params type per member.`, sptr);
    }
    const mediaPtr = `${d.ptr}/content/${escapePointerSegment(choice.schemaType)}`;
    const styled = choice.encoding === 'form' || (styledMultipart && multipartChoice(choice));
    const fieldStyles = styled ? readFieldStyles(content[choice.schemaType], mediaPtr, fields, report) : undefined;
    if (fieldStyles) body.fieldStyles = fieldStyles;
    if (multipartChoice(choice)) {
      const partTypes = readPartTypes(content[choice.schemaType], mediaPtr, fields, report, fieldStyles);
      if (partTypes) body.partTypes = partTypes;
    }
  } else if (choice.encoding !== 'raw' && rawSchema) {
    const flat = shapes.flatten(rawSchema, sptr);
    if (flat.schema.oneOf || flat.schema.anyOf) report.info('body-union', 'Request body is a union; passed as one `body` value, not flattened.', sptr);
  }
  reportEncoding(body, choice, d.ptr, report);
  return { body, fields };
}

/**
 * A multipart body whose schema is one file (`type: string, format: binary`),
 * a bare string (LibreTranslate's `/translate_file`: `type: string`, no
 * format, enum or pattern) or says nothing (`{}`, none) has no part name, and
 * a client can only send multipart as named fields: it becomes one upload
 * field `file`, the name such APIs document in prose and the usual one. Any
 * other schema is kept; one that is no object of fields (an array) cannot be
 * sent, and is reported so.
 */
function asFilePart(schema: unknown, required: boolean, sptr: string, resolver: RefResolver, report: Reporter): unknown {
  const node = resolver.deref(schema, sptr).node as Raw | undefined;
  const { saysNothing, bareString } = multipartForm(node);
  if (!saysNothing && !bareString && !isBinarySchema(schema, sptr, resolver)) {
    if (unsendableMultipart(schema, sptr, resolver)) report.unsupported('multipart-not-object', `The multipart body is ${/^[aeiou]/.test(node!.type) ? 'an' : 'a'} ${node!.type}, not an object of named parts: a client cannot send it.`, sptr);
    return schema;
  }
  report.warn('multipart-file-part', 'The multipart body is one file without a part name: it is sent as the upload field `file`.', sptr);
  const file = saysNothing || bareString ? { type: 'string', format: 'binary', ...(node?.description ? { description: node.description } : {}) } : node;
  return { type: 'object', properties: { file }, ...(required ? { required: ['file'] } : {}) };
}

/** What a multipart schema says of itself: nothing at all, or a bare string (both are one file without a part name). */
function multipartForm(node: Raw | undefined): { saysNothing: boolean; bareString: boolean } {
  const saysNothing = !node || (typeof node === 'object' && Object.keys(node).every((k) => k === 'description' || k === 'title'));
  const bareString = node?.type === 'string' && ['format', 'enum', 'const', 'pattern', 'contentEncoding'].every((k) => node[k] === undefined);
  return { saysNothing, bareString };
}

/** A multipart schema that is neither an object of parts nor one file (asFilePart): an array or another scalar. */
function unsendableMultipart(schema: unknown, sptr: string, resolver: RefResolver): boolean {
  const node = resolver.deref(schema, sptr).node as Raw | undefined;
  const { saysNothing, bareString } = multipartForm(node);
  if (saysNothing || bareString || isBinarySchema(schema, sptr, resolver)) return false;
  return typeof node?.type === 'string' && node.type !== 'object' && !node.properties && !node.allOf && !node.oneOf && !node.anyOf;
}

/**
 * Which multipart fields typed as bare strings are uploads (string-uploads.ts),
 * by raw field. A field whose `encoding` entry gives a `style` (OpenAPI 3.1+)
 * is text pairs, and one the JSON form of a JSON-or-multipart body declares
 * too is text there: both keep their type.
 */
function stringUploads(media: Raw | undefined, jsonFields: RawField[] | undefined, styledMultipart: boolean, resolver: RefResolver): (x: RawField) => StringUpload | undefined {
  const encoding: Raw = media?.encoding && typeof media.encoding === 'object' ? media.encoding : {};
  const jsonNames = new Set((jsonFields ?? []).map((f) => f.name));
  return (x) => {
    const entry = Object.hasOwn(encoding, x.name) ? encoding[x.name] : undefined;
    if (x.implied || jsonNames.has(x.name) || (styledMultipart && entry && (entry.style !== undefined || entry.explode !== undefined))) return undefined;
    return stringUpload(x.name, x.schema, x.ptr, entry, resolver);
  };
}

/** Whether a built shape holds a file: itself, array items or union members. */
function containsFileShape(shape: Shape): boolean {
  if (shape.kind === 'file') return true;
  if (shape.kind === 'array') return containsFileShape(shape.items);
  return shape.kind === 'union' && shape.members.some(containsFileShape);
}

function multipartChoice(choice: BodyChoice): boolean {
  return choice.encoding === 'multipart' || choice.encoding === 'json-or-multipart';
}

const FIELD_STYLES: ReadonlyArray<FieldStyle['style']> = ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'];

/**
 * The `encoding` entries that give `style` or `explode`, by clean field name,
 * with the query defaults for the other (`form`; `explode` true for `form`
 * only). A style a body field cannot have (`simple`, `matrix`, ...) is reported.
 */
function readFieldStyles(media: Raw, mediaPtr: string, fields: Param[], report: Reporter): Record<string, FieldStyle> | undefined {
  const encoding = media?.encoding;
  if (!encoding || typeof encoding !== 'object') return undefined;
  const byWire = new Map(fields.map((f) => [f.wireName, f.name]));
  const out: Record<string, FieldStyle> = {};
  for (const [prop, entry] of Object.entries(encoding as Raw)) {
    const name = byWire.get(prop);
    if (name === undefined || !entry || typeof entry !== 'object' || (entry.style === undefined && typeof entry.explode !== 'boolean')) continue;
    const ptr = `${mediaPtr}/encoding/${escapePointerSegment(prop)}`;
    const style = entry.style === undefined ? 'form' : FIELD_STYLES.find((s) => s === entry.style);
    if (!style) {
      report.info('body-field-style-skipped', `Body field \`${prop}\`: the style \`${String(entry.style)}\` is not one a body field takes; it goes as \`form\`.`, ptr);
      continue;
    }
    out[name] = { style, explode: typeof entry.explode === 'boolean' ? entry.explode : style === 'form', pointer: ptr };
  }
  const names = Object.keys(out).sort();
  if (!names.length) return undefined;
  report.info('body-field-styles', `Body fields serialized as their \`encoding\` says: ${names.map((n) => `\`${n}\` (${out[n]!.style}${out[n]!.explode ? ', exploded' : ''})`).join(', ')}.`, mediaPtr);
  return Object.fromEntries(names.map((n) => [n, out[n]!]));
}

/**
 * The multipart media type's `encoding` object: field → the Content-Type of
 * its part (clean param names). A comma list (`image/png, image/jpeg`)
 * gives its first type; a wildcard (`image/*`) says nothing a client can send
 * and is skipped. A field with a `style` (`styled`, OpenAPI 3.1+) takes no
 * type, as the specification says. Entries naming no field, and the encoding
 * keys a client does not apply (`headers`, ...), are reported.
 */
function readPartTypes(media: Raw, mediaPtr: string, fields: Param[], report: Reporter, styled: Record<string, FieldStyle> = {}): Record<string, PartType> | undefined {
  const encoding = media?.encoding;
  if (!encoding || typeof encoding !== 'object') return undefined;
  const byWire = new Map(fields.map((f) => [f.wireName, f.name]));
  const out: Record<string, PartType> = {};
  for (const [prop, entry] of Object.entries(encoding as Raw)) {
    const ptr = `${mediaPtr}/encoding/${escapePointerSegment(prop)}`;
    const name = byWire.get(prop);
    if (name === undefined) {
      report.warn('body-encoding-unknown-field', `The multipart \`encoding\` names \`${prop}\`, which is not a field of the body; ignored.`, ptr);
      continue;
    }
    const applied = styled[name] ? ['style', 'explode'] : ['contentType'];
    const ignored = Object.keys(entry ?? {}).filter((k) => !applied.includes(k) && !k.startsWith('x-'));
    if (ignored.length) report.info('body-encoding-ignored', `Multipart part \`${prop}\`: ${ignored.map((k) => `\`${k}\``).join(', ')} not applied.`, ptr);
    if (styled[name]) continue;
    const raw = typeof entry?.contentType === 'string' ? entry.contentType : undefined;
    const type = raw?.split(',').map((t: string) => t.trim()).find((t: string) => /^[^\s/*;]+\/[^\s/*;]+(;.*)?$/.test(t));
    if (!type) {
      if (raw) report.info('body-part-type-skipped', `Multipart part \`${prop}\`: \`${raw}\` names no single media type; the part goes with its default type.`, ptr);
      continue;
    }
    out[name] = { contentType: type, pointer: ptr };
  }
  const names = Object.keys(out);
  if (!names.length) return undefined;
  report.info('body-part-types', `Multipart parts with their own Content-Type: ${names.map((n) => `\`${n}\` (${out[n]!.contentType})`).join(', ')}.`, mediaPtr);
  return out;
}

/**
 * A raw body is one value sent as-is: text for textual media types (an XML or
 * SDP document the caller writes), bytes (a `file`) for the rest, whatever
 * structure the schema describes inside that text.
 */
function rawBodyShape(contentType: string, rawSchema: unknown, sptr: string, shapes: ShapeBuilder, resolver: RefResolver): Shape {
  const node = rawSchema ? (resolver.deref(rawSchema, sptr).node as Raw | undefined) : undefined;
  const description = typeof node?.description === 'string' ? { description: node.description } : {};
  if (!isTextual(contentType) && !isForm(contentType)) return { kind: 'file', ...description, pointer: sptr };
  const shape = rawSchema ? shapes.shape(rawSchema, sptr) : undefined;
  return shape?.kind === 'string' ? shape : { kind: 'string', ...description, pointer: sptr };
}

function describe(choice: BodyChoice): string {
  return choice.encoding === 'json-or-multipart' ? `\`${choice.contentType}\` or \`${choice.schemaType}\`` : `\`${choice.contentType}\``;
}

/**
 * JSON-or-multipart: the multipart fields in order, then the JSON-only ones.
 * A field is required only when both forms require it; a field typed
 * differently in the two becomes the union of both types.
 */
function mergeFields(primary: RawField[], json: RawField[]): Array<{ f: RawField; other?: RawField }> {
  const byName = new Map(json.map((f) => [f.name, f]));
  const out: Array<{ f: RawField; other?: RawField }> = primary.map((f) => {
    const twin = byName.get(f.name);
    // Only in multipart: optional, since a JSON body is sent without it.
    if (!twin) return { f: { ...f, required: false } };
    return JSON.stringify(twin.schema) === JSON.stringify(f.schema) ? { f: { ...f, required: f.required && twin.required } } : { f, other: twin };
  });
  const names = new Set(primary.map((f) => f.name));
  for (const f of json) if (!names.has(f.name)) out.push({ f: { ...f, required: false } });
  return out;
}

/** `a | b`, flattening undiscriminated unions and dropping members that differ only in docs. */
function unionOf(a: Shape, b: Shape): Shape {
  const all = [...(a.kind === 'union' && !a.discriminator ? a.members : [a]), ...(b.kind === 'union' && !b.discriminator ? b.members : [b])];
  const seen = new Set<string>();
  const members = all.filter((m) => {
    const key = JSON.stringify(m, (k, v) => (['pointer', 'description', 'title', 'example'].includes(k) ? undefined : v));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (members.length === 1) return a;
  const { description, pointer } = a;
  return { kind: 'union', members, ...(description ? { description } : {}), ...(pointer ? { pointer } : {}), ...(a.nullable || b.nullable ? { nullable: true } : {}) };
}

function reportEncoding(body: RequestBody, choice: BodyChoice, ptr: string, report: Reporter): void {
  const files = body.files?.length ? `; upload fields: ${body.files.map((f) => `\`${f}\``).join(', ')}` : '; no upload fields';
  switch (body.encoding) {
    case 'multipart':
      report.info('body-multipart', `Multipart body (\`${choice.contentType}\`)${files}.`, ptr);
      break;
    case 'json-or-multipart':
      report.info('body-json-or-multipart', `Sent as \`${choice.schemaType}\` when a field holds an upload, else as \`${choice.contentType}\`; fields of both forms${files}.`, ptr);
      break;
    case 'form':
      report.info('body-form', `Form-urlencoded body (\`${choice.contentType}\`).`, ptr);
      break;
    case 'raw':
      report.info('body-raw', `Raw body: one \`body\` value (${body.schema.kind === 'file' ? 'bytes' : 'text'}) sent as-is with \`${choice.contentType}\`.`, ptr);
      break;
  }
}
