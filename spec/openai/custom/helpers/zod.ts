/**
 * openai-node's `openai/helpers/zod` (here `<pkg>/helpers/zod`): a zod schema
 * as a structured-output format or a function tool that `parse()` reads back
 * and validates (lib/parser.ts).
 *
 *   const Event = z.object({ name: z.string(), date: z.string() });
 *   await client.chat.completions.parse({ model, messages, response_format: zodResponseFormat(Event, 'event') });
 *
 * Zod 3 and zod 4 schemas both work (the zod the application has: this module
 * imports none). Each becomes the JSON Schema that strict structured outputs
 * take: every property required, no other properties. An optional property
 * can only be null there, so it must be `.nullable()`; `.optional()` alone
 * (and a type JSON Schema cannot say, such as a transform's output) is refused.
 */
import { ClientError } from '../../core/errors.js';
import {
  makeParseable,
  type AutoParseableResponseFormat,
  type AutoParseableTextFormat,
  type AutoParseableTool,
} from '../parser.js';

/** What this reads of a zod schema: its definition (zod 3's `_def`, zod 4's `_zod.def`) and `parse`. */
export interface ZodSchema<T = unknown> {
  parse(data: unknown): T;
}

/** The type a zod schema parses to (zod 4's `_zod.output`, zod 3's `_output`). */
export type InferZod<S> = S extends { _zod: { output: infer T } } ? T : S extends { _output: infer T } ? T : unknown;

type JsonSchema = Record<string, unknown>;

/** A `response_format` for `chat.completions.parse()`: the message's JSON is read back as the schema's type. */
export function zodResponseFormat<S extends ZodSchema>(
  schema: S,
  name: string,
  props?: { description?: string },
): AutoParseableResponseFormat<InferZod<S>> {
  const format = {
    type: 'json_schema' as const,
    json_schema: { ...props, name, strict: true, schema: toStrictJsonSchema(schema) },
  };
  return makeParseable(
    format,
    (content) => schema.parse(JSON.parse(content)) as InferZod<S>,
    'auto-parseable-response-format',
  ) as AutoParseableResponseFormat<InferZod<S>>;
}

/** A Responses `text.format` for `responses.parse()`: the output text is read back as the schema's type. */
export function zodTextFormat<S extends ZodSchema>(
  schema: S,
  name: string,
  props?: { description?: string },
): AutoParseableTextFormat<InferZod<S>> {
  const format = { type: 'json_schema' as const, ...props, name, strict: true, schema: toStrictJsonSchema(schema) };
  return makeParseable(
    format,
    (content) => schema.parse(JSON.parse(content)) as InferZod<S>,
    'auto-parseable-response-format',
  ) as AutoParseableTextFormat<InferZod<S>>;
}

/** A strict function tool for `chat.completions.parse()`: a call's arguments are read back as the schema's type. */
export function zodFunction<S extends ZodSchema>(options: {
  name: string;
  parameters: S;
  function?: (args: InferZod<S>) => unknown;
  description?: string;
}): AutoParseableTool<InferZod<S>> {
  const tool = {
    type: 'function' as const,
    function: {
      name: options.name,
      parameters: toStrictJsonSchema(options.parameters),
      strict: true,
      ...(options.description ? { description: options.description } : {}),
    },
  };
  const parsed = makeParseable(
    tool,
    (args) => options.parameters.parse(JSON.parse(args)) as InferZod<S>,
    'auto-parseable-tool',
  );
  if (options.function) Object.defineProperty(parsed, '$callback', { value: options.function, enumerable: false });
  return parsed as AutoParseableTool<InferZod<S>>;
}

/** A strict Responses function tool (`{ type: 'function', name, parameters, strict }`), read back as the schema's type. */
export function zodResponsesFunction<S extends ZodSchema>(options: {
  name: string;
  parameters: S;
  description?: string;
}): { type: 'function'; name: string; parameters: JsonSchema; strict: true; description?: string } & {
  $parseRaw(args: string): InferZod<S>;
} {
  const tool = {
    type: 'function' as const,
    name: options.name,
    parameters: toStrictJsonSchema(options.parameters),
    strict: true as const,
    ...(options.description ? { description: options.description } : {}),
  };
  return makeParseable(
    tool,
    (args) => options.parameters.parse(JSON.parse(args)) as InferZod<S>,
    'auto-parseable-tool',
  ) as typeof tool & {
    $parseRaw(args: string): InferZod<S>;
  };
}

/** A zod schema's node, whichever zod made it: its kind, its definition and its description. */
interface Node {
  kind: string;
  def: Record<string, unknown>;
  description: string | undefined;
}

function nodeOf(schema: unknown): Node {
  const s = schema as { _zod?: { def: Record<string, unknown> }; _def?: Record<string, unknown>; description?: string };
  if (s?._zod?.def) return { kind: String(s._zod.def.type), def: s._zod.def, description: s.description };
  if (s?._def && typeof s._def.typeName === 'string') {
    // Zod 3: `ZodString` → `string`, as zod 4 names them.
    const kind = s._def.typeName.replace(/^Zod/, '').replace(/^[A-Z]/, (c) => c.toLowerCase());
    return { kind, def: s._def, description: s.description ?? (s._def.description as string | undefined) };
  }
  throw new ClientError('expected a zod schema');
}

/** The JSON Schema of a zod schema, as strict structured outputs take it. */
export function toStrictJsonSchema(schema: unknown): JsonSchema {
  return convert(schema, '');
}

function convert(schema: unknown, at: string): JsonSchema {
  const node = nodeOf(schema);
  const out = convertNode(node, at);
  return node.description && out.description === undefined ? { ...out, description: node.description } : out;
}

/** The `lazy` schemas being converted, outermost first: one met again is recursion. */
const lazyPath = new Set<unknown>();

function convertNode({ kind, def }: Node, at: string): JsonSchema {
  const where = at || 'the schema';
  switch (kind) {
    case 'string':
      return { type: 'string' };
    case 'number': {
      // Zod 3 keeps `.int()` as a check of kind `int`, zod 4 as the `safeint` format.
      const checks =
        (def.checks as Array<{ kind?: string; isInt?: boolean; _zod?: { def?: { format?: string } } }>) ?? [];
      const integer = checks.some((c) => c.kind === 'int' || c.isInt || /int/.test(c._zod?.def?.format ?? ''));
      return { type: integer || def.format === 'safeint' ? 'integer' : 'number' };
    }
    case 'int':
      return { type: 'integer' };
    case 'bigint':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'any':
    case 'unknown':
      return {};
    case 'literal': {
      const values = (def.values as unknown[] | undefined) ?? [def.value];
      return values.length === 1 ? { const: values[0] } : { enum: values };
    }
    case 'enum': {
      // Zod 3: `values` (a list); zod 4: `entries` (an object).
      const values = Array.isArray(def.values)
        ? def.values
        : Object.values((def.entries as Record<string, unknown>) ?? {});
      return { type: typeof values[0] === 'number' ? 'number' : 'string', enum: values };
    }
    case 'nativeEnum': {
      // A numeric TypeScript enum maps names to values and back: keep the values.
      const entries = def.values as Record<string, string | number>;
      return { enum: Object.values(entries).filter((v) => typeof v === 'number' || typeof entries[v] !== 'number') };
    }
    case 'array':
      return { type: 'array', items: convert(def.element ?? def.type, `${at}[]`) };
    case 'object': {
      const shape = (
        typeof def.shape === 'function' ? (def.shape as () => Record<string, unknown>)() : def.shape
      ) as Record<string, unknown>;
      const properties: Record<string, JsonSchema> = {};
      for (const [key, value] of Object.entries(shape)) {
        const path = at ? `${at}.${key}` : key;
        if (nodeOf(value).kind === 'optional') {
          throw new ClientError(
            `\`${path}\` is .optional(), which strict structured outputs cannot say: make it .nullable() (a missing value is null)`,
          );
        }
        properties[key] = convert(value, path);
      }
      return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
    }
    case 'nullable':
      return { anyOf: [convert(def.innerType, at), { type: 'null' }] };
    case 'union':
    case 'discriminatedUnion': {
      const options = (def.options instanceof Map ? [...def.options.values()] : def.options) as unknown[];
      return { anyOf: options.map((o, i) => convert(o, `${at}|${i}`)) };
    }
    case 'default':
    case 'readonly':
    case 'catch':
    case 'branded':
      return convert(def.innerType ?? def.type, at);
    case 'effects':
      return convert(def.schema, at);
    case 'pipe':
    case 'pipeline':
      return convert(def.in, at);
    case 'lazy':
      // A recursive schema would need `$defs`, which these schemas do not carry.
      if (lazyPath.has(def)) throw new ClientError(`${where} is recursive, which this conversion does not support`);
      lazyPath.add(def);
      try {
        return convert((def.getter as () => unknown)(), at);
      } finally {
        lazyPath.delete(def);
      }
    case 'optional':
      throw new ClientError(`${where} is .optional(), which strict structured outputs cannot say: make it .nullable()`);
    default:
      throw new ClientError(`${where} is a zod ${kind}, which structured outputs have no JSON Schema for`);
  }
}
