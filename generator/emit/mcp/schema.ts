/**
 * IR shapes → JSON Schema (2020-12) for MCP tools.
 *
 * Input schemas are complete (types, enums, bounds, defaults, descriptions,
 * nested objects and arrays). Named types are inlined where used once and put
 * in the tool's own `$defs` when used repeatedly or recursively, so every tool
 * is self-contained and no larger than needed.
 *
 * Output schemas are deliberately shallow: the top-level fields with their
 * types (and list items one level deeper). They tell the model what comes
 * back, validate real responses, and stay small enough for tools/list.
 */
import type { NamedType, Shape } from '../../ir/types.js';
import { valuesSelecting } from '../../ir/discriminator.js';
import { GeneratorError } from '../../errors.js';
import { leadText, plainText } from './text.js';

/** Formats that MCP clients and model providers accept; others are dropped. */
/**
 * Property keys: Anthropic (Claude Desktop/Code) and Bedrock reject any tool whose
 * input property keys do not match this, which breaks the whole session.
 */
export const PROPERTY_KEY = /^[a-zA-Z0-9_.-]{1,64}$/;

export const SUPPORTED_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname']);

export type JsonSchema = Record<string, unknown>;

/**
 * An upload argument (runtime/mcp/uploads.ts): base64 content with a file name
 * and MIME type, or a local path the server's --allow-file-dir allows. One
 * flat object, no combinators, so every MCP client accepts it; the server says
 * which form is missing.
 */
export const UPLOAD_SCHEMA: JsonSchema = Object.freeze({
  type: 'object',
  properties: {
    base64: { type: 'string', description: 'Base64 content or a data: URL.' },
    filename: { type: 'string', description: 'Name with extension.' },
    mime_type: { type: 'string' },
    path: { type: 'string', description: 'Or a local file, if the server allows.' },
  },
  additionalProperties: false,
  // `{}` is no upload: refused with the forms a file takes, not passed to the client as a body.
  minProperties: 1,
});
/** `$defs` key of the upload schema when a tool uses it more than once (named types are PascalCase). */
export const UPLOAD_DEF = 'file_upload';

/** Longest nested property description kept (characters). */
export const NESTED_DESCRIPTION_MAX = 90;

function withNull(schema: JsonSchema, nullable: boolean | undefined): JsonSchema {
  if (!nullable || Object.keys(schema).length === 0) return schema;
  if (typeof schema.type === 'string') {
    const out: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
}

function literalType(value: unknown): string {
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

export class SchemaBuilder {
  private readonly defs = new Map<string, JsonSchema>();
  private readonly counts = new Map<string, number>();
  private readonly expanding = new Set<string>();
  private readonly recursive = new Set<string>();
  /** Named types referenced at least once without `nullable`; a def only ever used nullable carries the null itself. */
  private readonly nonNullRefs = new Set<string>();
  /** File shapes reached: the upload schema goes into `$defs` when a tool has several. */
  private files = 0;
  /** The enclosing param's or object's description: nested descriptions need not repeat it. */
  private parentText = '';

  constructor(
    private readonly types: Record<string, NamedType>,
    private readonly where: string,
    /** The tool's name without prefix: words a nested description need not repeat. */
    private context = '',
    /**
     * One form per named type, the same in every tool (a large table, see
     * LARGE_TABLE_BYTES in index.ts): every object, array or union type goes
     * to `$defs`, null is said where it is used, and nested descriptions are
     * shortened without the tool's words, so tools.json can store each type
     * once (share.ts).
     */
    private readonly canonical = false,
  ) {}

  /** Whether a named type goes to `$defs` wherever it is used (canonical form); scalars and enums stay inline. */
  private alwaysDef(name: string): boolean {
    const kind = this.named(name).shape.kind;
    return kind === 'object' || kind === 'array' || kind === 'union' || kind === 'ref';
  }

  private named(name: string): NamedType {
    const type = this.types[name];
    if (!type) throw new GeneratorError(`unknown named type ${name}`, { pointer: this.where }, 'the normalized spec is inconsistent; re-run the import');
    return type;
  }

  /** First pass: how often each named type is reached, and which ones recurse. */
  count(shape: Shape, stack: string[] = []): void {
    switch (shape.kind) {
      case 'ref': {
        this.counts.set(shape.name, (this.counts.get(shape.name) ?? 0) + 1);
        if (!shape.nullable) this.nonNullRefs.add(shape.name);
        if (stack.includes(shape.name)) return void this.recursive.add(shape.name);
        if ((this.counts.get(shape.name) ?? 0) > 1) return;
        return this.count(this.named(shape.name).shape, [...stack, shape.name]);
      }
      case 'array':
        return this.count(shape.items, stack);
      case 'object':
        for (const p of shape.properties) this.count(p.shape, stack);
        if (shape.additionalProperties) this.count(shape.additionalProperties, stack);
        return;
      case 'union':
        for (const m of shape.members) this.count(m, stack);
        return;
      case 'file':
        this.files++;
        return;
      default:
        return;
    }
  }

  /** Full input schema of one shape. */
  input(shape: Shape, description?: string): JsonSchema {
    const text = plainText(description ?? shape.description);
    this.parentText = text;
    const schema = this.convert(shape);
    this.parentText = '';
    return text ? { ...schema, description: text } : schema;
  }

  /** `$defs` collected while converting (sorted, for deterministic output). */
  takeDefs(): JsonSchema | undefined {
    if (this.defs.size === 0) return undefined;
    return Object.fromEntries([...this.defs].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private nestedDescription(shape: Shape, schema: JsonSchema, name?: string): JsonSchema {
    const text = leadText(plainText(shape.description), NESTED_DESCRIPTION_MAX, {
      hasDefault: schema.default !== undefined,
      bounds: schema,
      context: [name ?? '', this.context, this.parentText],
    });
    return text ? { description: text } : {};
  }

  private convert(shape: Shape): JsonSchema {
    switch (shape.kind) {
      case 'ref': {
        const { name } = shape;
        const asDef = this.canonical ? this.alwaysDef(name) || this.recursive.has(name) : this.recursive.has(name) || (this.counts.get(name) ?? 0) > 1;
        if (asDef) {
          // `{"$ref"}` instead of `{"anyOf":[{"$ref"},{"type":"null"}]}` at every use.
          const nullInDef = !this.canonical && !this.nonNullRefs.has(name);
          if (!this.defs.has(name) && !this.expanding.has(name)) {
            this.expanding.add(name);
            const outer = [this.context, this.parentText] as const;
            if (this.canonical) [this.context, this.parentText] = ['', plainText(this.named(name).shape.description)];
            const def = this.convert(this.named(name).shape);
            [this.context, this.parentText] = outer;
            this.defs.set(name, nullInDef ? withNull(def, true) : def);
            this.expanding.delete(name);
          }
          return withNull({ $ref: `#/$defs/${name}` }, shape.nullable && !nullInDef);
        }
        return withNull(this.convert(this.named(name).shape), shape.nullable);
      }
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
      case 'null': {
        const out: JsonSchema = { type: shape.kind };
        if (shape.format && SUPPORTED_FORMATS.has(shape.format)) out.format = shape.format;
        if (shape.enum) out.enum = [...shape.enum];
        for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern'] as const) {
          if (shape[key] !== undefined) out[key] = shape[key];
        }
        if (shape.default !== undefined) out.default = shape.default;
        return withNull(out, shape.nullable && shape.kind !== 'null');
      }
      case 'literal':
        return withNull({ type: literalType(shape.value), enum: [shape.value] }, shape.nullable);
      case 'file': {
        if (this.files < 2 || this.canonical) return withNull({ ...UPLOAD_SCHEMA }, shape.nullable);
        this.defs.set(UPLOAD_DEF, UPLOAD_SCHEMA);
        return withNull({ $ref: `#/$defs/${UPLOAD_DEF}` }, shape.nullable);
      }
      case 'array': {
        const out: JsonSchema = { type: 'array', items: this.child(shape.items) };
        if (shape.minItems !== undefined) out.minItems = shape.minItems;
        if (shape.maxItems !== undefined) out.maxItems = shape.maxItems;
        if (shape.default !== undefined) out.default = shape.default;
        return withNull(out, shape.nullable);
      }
      case 'object': {
        const out: JsonSchema = { type: 'object' };
        // Server-owned fields cannot be sent.
        const writable = shape.properties.filter((p) => !p.shape.readOnly);
        // Keys clients reject (`first name`, `it's`) are left out of the schema, which then stays open for them.
        const props = writable.filter((p) => PROPERTY_KEY.test(p.name));
        const unlisted = writable.filter((p) => !PROPERTY_KEY.test(p.name)).map((p) => JSON.stringify(p.name));
        const outer = this.parentText;
        this.parentText = plainText(shape.description) || outer;
        if (props.length) out.properties = Object.fromEntries(props.map((p) => [p.name, this.child(p.shape, p.name)]));
        this.parentText = outer;
        const required = props.filter((p) => p.required).map((p) => p.name);
        if (required.length) out.required = required;
        if (unlisted.length) out.description = `Also takes the keys ${unlisted.join(', ')}.`;
        else if (shape.additionalProperties === false) out.additionalProperties = false;
        else if (shape.additionalProperties) out.additionalProperties = this.child(shape.additionalProperties);
        return withNull(out, shape.nullable);
      }
      case 'union': {
        const implied = shape.discriminator?.implied ? shape.discriminator : undefined;
        const members = shape.members.map((m, i) => {
          const schema = this.child(m);
          if (!implied) return schema;
          // The member carries no literal of its own: say which values select it.
          return { allOf: [schema, { type: 'object', properties: { [implied.property]: { enum: valuesSelecting(implied.mapping, i) } }, required: [implied.property] }] };
        });
        // A union of plain enums/literals of one type is just a wider enum.
        const merged = mergeEnums(members);
        return withNull(merged ?? { anyOf: members }, shape.nullable);
      }
      case 'unknown':
        return {};
    }
  }

  private child(shape: Shape, name?: string): JsonSchema {
    const schema = this.convert(shape);
    // An enum says what the value takes; the description would mostly repeat it.
    const items = schema.items as JsonSchema | undefined;
    if (Array.isArray(schema.enum) || Array.isArray(items?.enum)) return schema;
    return { ...schema, ...this.nestedDescription(shape, schema, name) };
  }

  /**
   * Shallow output schema: object fields with their JSON types only, nested
   * `depth` levels; anything deeper is left open so responses always validate.
   */
  output(shape: Shape, depth: number): JsonSchema {
    const resolved = this.resolve(shape);
    const nullable = shape.nullable || resolved.nullable;
    switch (resolved.kind) {
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
      case 'null':
        return withNull({ type: resolved.kind }, nullable && resolved.kind !== 'null');
      case 'literal':
        return withNull({ type: literalType(resolved.value) }, nullable);
      case 'array':
        return withNull(depth > 0 ? { type: 'array', items: this.output(resolved.items, depth - 1) } : { type: 'array' }, nullable);
      case 'object': {
        if (depth <= 0) return withNull({ type: 'object' }, nullable);
        const out: JsonSchema = { type: 'object' };
        // Tagged payloads (audit logs: one optional property per event type) are left
        // open: listing ~60 payload names would dwarf the rest of the schema.
        const payloads = new Set(Object.values(resolved.taggedPayloads?.payloads ?? {}).filter((v): v is string => typeof v === 'string'));
        const props = resolved.properties.filter((p) => !payloads.has(p.name));
        if (props.length) out.properties = Object.fromEntries(props.map((p) => [p.name, this.output(p.shape, depth - 1)]));
        return withNull(out, nullable);
      }
      default:
        // Unions and unknowns: any value.
        return {};
    }
  }

  /** Follow refs to a concrete shape (nullable carried over). */
  resolve(shape: Shape): Shape {
    let current = shape;
    const seen = new Set<string>();
    while (current.kind === 'ref' && !seen.has(current.name)) {
      seen.add(current.name);
      const next = this.named(current.name).shape;
      current = current.nullable ? ({ ...next, nullable: true } as Shape) : next;
    }
    return current;
  }
}

function mergeEnums(members: JsonSchema[]): JsonSchema | undefined {
  if (members.length < 2) return undefined;
  const type = members[0]!.type;
  if (typeof type !== 'string') return undefined;
  const values: unknown[] = [];
  for (const m of members) {
    if (m.type !== type || !Array.isArray(m.enum) || Object.keys(m).some((k) => !['type', 'enum', 'description'].includes(k))) return undefined;
    values.push(...m.enum);
  }
  return { type, enum: [...new Set(values)] };
}
