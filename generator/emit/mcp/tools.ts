/**
 * One MCP tool per operation: name, description, input/output schema and
 * annotations for `tools/list`, plus the call spec the runtime uses to reach
 * the generated client method.
 */
import type { NormalizedSpec, Operation, Pagination, Param, Shape } from '../../ir/types.js';
import { GeneratorError } from '../../errors.js';
import { sentenceCase, snakeCase } from '../../names.js';
import type { CallSpec, JsonSchemaObject, ToolAnnotations, ToolDef } from '../../../runtime/mcp/table.js';
import { SchemaBuilder, type JsonSchema } from './schema.js';
import { wholeBodyParam } from '../whole-body.js';
import { requiredBodyAlternatives } from '../body-alternatives.js';
import { clientStream } from '../client/model.js';
import { joinSummary, leadText, plainText, sentences } from './text.js';
import { walkedPagination } from '../paging.js';

/** Tool names: what MCP clients and model providers accept. */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/**
 * Property keys (see schema.ts): inputs use the params' clean names
 * (`project_ids`), and the runtime also accepts the wire spelling
 * (`project_ids[]`) as an alias.
 */
export { PROPERTY_KEY } from './schema.js';
/**
 * Which spelling names the input properties: `clean` (`project_ids`, the default,
 * accepted by every client) or `wire` (`project_ids[]`, as seed 002 lists the
 * audit-log filters; rejected by Claude and Bedrock). The other one is an alias.
 */
export const PARAM_KEYS: 'clean' | 'wire' = 'clean';

export const MAX_ITEMS = { default: 20, max: 1000 };
/** The argument of a next-link list tool that takes an earlier call's next_cursor. */
const LINK_ARGUMENT = 'page_url';

/** `name`, else `name_2`, `name_3`… : the first key no input property has. */
function freeKey(name: string, properties: Record<string, unknown>): string {
  let key = name;
  for (let n = 2; key in properties; n++) key = `${name}_${n}`;
  return key;
}

/** Query params that set the page size of a list, snake_cased (Google's `pageSize`, AWS's `MaxResults`). */
const PAGE_SIZE_PARAMS = new Set(['limit', 'page_size', 'per_page', 'max_results']);
/**
 * Description budgets (characters). tools/list goes into every prompt, so
 * descriptions keep their lead sentence(s) only; the schema carries enums,
 * defaults and bounds, and server instructions carry what all tools share.
 */
export const TOOL_DESCRIPTION_MAX = 160;
export const PARAM_DESCRIPTION_MAX = 90;

export interface EmittedTool {
  def: ToolDef;
  call: CallSpec;
  /** Human-readable notes for the report (renamed params etc.). */
  notes: string[];
}

/** The whole body as one param when the body is not an object with flattened fields (named as the client names it). */
function paramsOf(op: Operation): Param[] {
  const whole = wholeBodyParam(op);
  return whole ? [...op.params, { ...whole, description: op.body!.schema.description }] : op.params;
}

/** Whether a shape is a file, or a union with a file member (through named types). */
function holdsFile(spec: NormalizedSpec, shape: Shape, seen = new Set<string>()): boolean {
  if (shape.kind === 'file') return true;
  if (shape.kind === 'ref') {
    if (seen.has(shape.name) || !spec.types[shape.name]) return false;
    seen.add(shape.name);
    return holdsFile(spec, spec.types[shape.name]!.shape, seen);
  }
  return shape.kind === 'union' && shape.members.some((m) => holdsFile(spec, m, seen));
}

function safeKey(name: string): string {
  const cleaned = name.replace(/\[\]$/, '').replace(/[^a-zA-Z0-9_.-]+/g, '_').slice(0, 64);
  return cleaned || 'param';
}

/**
 * Hints come from the IR: the importer derives them from the method kind and
 * verb (archive, deactivate, remove…: every update here is a POST) and applies
 * config overrides, so the emitter does not second-guess them (a DELETE is
 * destructive by rule, and stays so unless the config says otherwise).
 *
 * Keys whose value equals the MCP default are left out (tools/list budget;
 * the meaning is exactly the same): readOnlyHint false, idempotentHint false,
 * openWorldHint true (every tool reaches the remote API). destructiveHint is
 * the exception: every write states it, `true` included, because a client
 * that reads a missing hint as false would treat a delete as harmless. A read
 * says only `readOnlyHint: true` (the other hints mean nothing for reads).
 * The server instructions say so too.
 */
export const MCP_ANNOTATION_DEFAULTS = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true } as const;

export function annotationsFor(op: Operation, title: string): ToolAnnotations {
  if (op.hints.readOnly) return { title, readOnlyHint: true };
  return { title, destructiveHint: op.hints.destructive, ...(op.hints.idempotent ? { idempotentHint: true } : {}) };
}

/** `canonical`: each named type in one form, the same in every tool (see SchemaBuilder). */
export function buildTool(spec: NormalizedSpec, op: Operation, canonical = false): EmittedTool {
  const name = op.names.mcpTool;
  if (!TOOL_NAME.test(name)) {
    throw new GeneratorError(`MCP tool name "${name}" is not 1-64 characters of [a-zA-Z0-9_-]`, { pointer: op.pointer }, 'set a readable name in spec/<target>/config.yaml');
  }
  const notes: string[] = [];
  const toolText = toolDescription(op);
  const builder = new SchemaBuilder(spec.types, op.pointer, `${name.slice(spec.packages.toolPrefix.length)} ${toolText}`, canonical);
  const params = paramsOf(op);
  for (const p of params) builder.count(p.schema);

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const args: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  const proseBounds: Record<string, Array<'minimum' | 'maximum'>> = {};
  const keyOf = new Map<Param, string>();
  const taken = new Set<string>(walkedPagination(op) ? ['max_items'] : []);
  for (const p of params) {
    let key = PARAM_KEYS === 'wire' ? p.wireName : safeKey(p.name);
    if (taken.has(key)) {
      // Path params keep their name (they identify the object); the later one is prefixed by location.
      const renamed = [`${p.in}_${key}`, `${p.in}_${key}_2`, `${p.in}_${key}_3`].find((k) => !taken.has(k));
      if (!renamed) throw new GeneratorError(`cannot resolve the param name collision on "${key}"`, { pointer: p.pointer });
      notes.push(`${name}: ${p.in} param "${p.wireName}" collides with another "${key}"; the tool input calls it "${renamed}".`);
      key = renamed;
    }
    taken.add(key);
    keyOf.set(p, key);
    const other = PARAM_KEYS === 'wire' ? p.name : p.wireName;
    if (other !== key && !taken.has(other) && !params.some((q) => q !== p && q.name === other)) aliases[other] = key;
    const { description: _spec, ...input } = builder.input(p.schema, p.description);
    // A fixed param's one value is what the client sends when the argument is left out.
    const schema: JsonSchema = p.fixed !== undefined ? { ...input, default: p.fixed } : input;
    // An enum says what the param takes ("Sort order…" on asc/desc, "Width of each bucket" on 1m/1h/1d).
    let description = enumerated(schema) ? '' : paramDescription(p, op, [name.slice(spec.packages.toolPrefix.length), toolText], schema);
    if (p.deprecated) description = `Deprecated. ${description}`.trim();
    properties[key] = description ? { ...schema, description } : schema;
    if (p.required) required.push(key);
    const bounds = (p.schema.proseFacets ?? []).filter((f): f is 'minimum' | 'maximum' => f !== 'default');
    if (bounds.length) proseBounds[key] = bounds;
  }

  const pathParams = params.filter((p) => p.in === 'path');
  const positional = pathParams.length ? keyOf.get(pathParams[pathParams.length - 1]!) : undefined;
  for (const p of params) if (keyOf.get(p) !== positional) args[keyOf.get(p)!] = p.name;

  const call: CallSpec = {
    op: op.key,
    resource: op.resource.join('.'),
    http: `${op.httpMethod.toUpperCase()} ${op.path}`,
    client: op.names.clientPath,
    ...(positional ? { positional } : {}),
    args,
    ...(Object.keys(aliases).length ? { aliases } : {}),
    ...(Object.keys(proseBounds).length ? { proseBounds } : {}),
  };

  const byName = new Map(params.map((p) => [p.name, keyOf.get(p)!]));
  const files = (op.body?.files ?? []).map((f) => byName.get(f)).filter((k): k is string => Boolean(k));
  // A raw body of bytes (`application/octet-stream`, `image/png`) is one upload argument, turned into a file as
  // multipart fields are; it used to reach the client as the upload object, which refused it.
  const whole = wholeBodyParam(op);
  if (whole && op.body?.encoding === 'raw' && holdsFile(spec, whole.schema) && byName.has(whole.name)) files.push(byName.get(whole.name)!);
  if (files.length) call.files = files;
  if (op.responseKind) call.response = op.responseKind;
  const stream = clientStream(op);
  if (stream) call.stream = stream.param ? { param: byName.get(stream.param) ?? stream.param } : {};

  const pg = walkedPagination(op);
  if (pg) {
    const cursorParam = pg.requestParam ? params.find((p) => p.name === pg.requestParam || p.wireName === pg.requestParam) : undefined;
    // A next link is no param of the API: the tool takes it back as an argument of its own, given to the client as
    // `pageURL`. A list paged by the `Link` header besides a page number takes both: a URL here, a number in `page`.
    const linkArg = pg.style === 'next_link' || pg.linkHeader ? freeKey(LINK_ARGUMENT, properties) : undefined;
    const both = linkArg !== undefined && pg.style !== 'next_link' && cursorParam !== undefined;
    if (linkArg) {
      const page = both ? keyOf.get(cursorParam)! : undefined;
      properties[linkArg] = {
        type: 'string',
        description: page
          ? `The next_cursor of an earlier call when it is a URL, to continue the list there (a number goes in ${page}).`
          : 'The next_cursor of an earlier call, to continue the list there.',
      };
    }
    call.page = {
      style: pg.style,
      requestParam: both ? keyOf.get(cursorParam)! : linkArg ?? (cursorParam ? keyOf.get(cursorParam)! : pg.requestParam),
      ...(both ? { linkParam: linkArg } : {}),
      cursorField: pg.cursorField,
      itemsField: pg.itemsField,
      ...(pg.hasMoreField ? { hasMoreField: pg.hasMoreField } : {}),
    };
    const beforeParam = pg.beforeParam ? params.find((p) => p.wireName === pg.beforeParam && p.in === 'query') : undefined;
    if (beforeParam) call.page.beforeParam = keyOf.get(beforeParam)!;
    // A counted list's own size param (`size`, .NET's `take`), else one of the usual names.
    const isSize = (p: (typeof params)[number]) => (pg.sizeParam ? p.wireName === pg.sizeParam : PAGE_SIZE_PARAMS.has(snakeCase(p.name)));
    const size = params.find((p) => isSize(p) && p.in === 'query' && builder.resolve(p.schema).kind === 'integer');
    if (size) {
      call.page.sizeParam = keyOf.get(size)!;
      const { maximum, default: fallback } = properties[call.page.sizeParam] as JsonSchema;
      if (typeof maximum === 'number') call.page.sizeMax = maximum;
      if (typeof fallback === 'number') call.page.sizeDefault = fallback;
    }
    properties.max_items = {
      type: 'integer',
      minimum: 1,
      maximum: MAX_ITEMS.max,
      default: MAX_ITEMS.default,
      // No description: the server instructions (sent once at initialize) say how
      // max_items, has_more and next_cursor work, for every list tool at once.
    };
  }

  const inputSchema: JsonSchemaObject = { type: 'object', properties };
  if (required.length) inputSchema.required = required;
  const defs = builder.takeDefs();
  if (defs) inputSchema.$defs = defs;

  const alternatives = requiredAlternatives(op, keyOf);
  if (alternatives) call.requiredAnyOf = alternatives;

  const def: ToolDef = {
    name,
    description: alternatives ? `${toolText}${/[.!?]$/.test(toolText) ? '' : '.'} ${passSentence(alternatives)}` : toolText,
    inputSchema,
    annotations: annotationsFor(op, toolTitle(spec, op)),
  };
  const outputSchema = call.stream && call.stream.param === undefined ? STREAM_OUTPUT_SCHEMA : buildOutputSchema(builder, op);
  if (outputSchema) def.outputSchema = outputSchema;
  return { def, call, notes };
}

/**
 * The body's required alternatives (body-alternatives.ts) in input keys. The
 * listing cannot say them as a top-level `anyOf` of `required` lists
 * (Anthropic's and OpenAI's tool schemas refuse top-level combinators:
 * test/mcp/lint.ts), so the description states them and the server enforces
 * them (runtime/mcp/validate.ts).
 */
function requiredAlternatives(op: Operation, keyOf: Map<Param, string>): string[][] | undefined {
  return requiredBodyAlternatives(op)?.map((params) => params.map((p) => keyOf.get(p)!));
}

/** The alternatives as one sentence of the tool description: `Pass url or html.` */
export function passSentence(alternatives: string[][]): string {
  const forms = alternatives.map((keys) => keys.join(' and '));
  if (alternatives.some((keys) => keys.length > 1)) return `Pass one of: ${forms.join('; ')}.`;
  return `Pass ${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}.`;
}

/**
 * Param descriptions: the lead informative sentence(s). Left out where they
 * add nothing the param name, the tool name and description and the schema do
 * not already say (`project_id` of `update_project`: "The ID of the project to
 * update."; on `limit`, "A limit on the number of objects to be returned." and,
 * once the schema carries the range, "Limit can range between 1 and 100."), and for the cursor
 * params of an auto-paginated tool (the result's next_cursor says how to
 * continue).
 */
export function paramDescription(p: Param, op: Operation, toolContext: string[], schema: JsonSchema): string {
  const text = plainText(p.description ?? p.schema.description);
  const pg = walkedPagination(op);
  if (pg && (p.name === pg.requestParam || p.wireName === pg.requestParam || p.name === 'before')) return '';
  return leadText(text, PARAM_DESCRIPTION_MAX, { hasDefault: schema.default !== undefined, bounds: schema, context: [p.name, ...toolContext] });
}

/** An enum on the value or on array items. */
export function enumerated(schema: JsonSchema): boolean {
  const items = schema.items as JsonSchema | undefined;
  return Array.isArray(schema.enum) || Array.isArray(items?.enum);
}

/** Longest summary taken as a tool's title. */
const TITLE_MAX = 60;

/**
 * The summary when it is a short phrase, not a sentence (`Add Member`, `Create
 * an organization admin API key`, but not `Creates a new group.`), else the
 * tool name in words: a name shortened to fit 64 characters
 * (`…_set_dialog_s_deawn8`) or made from a generated operationId reads badly.
 */
export function toolTitle(spec: NormalizedSpec, op: Operation): string {
  const summary = plainText(op.summary).trim();
  if (summary && summary.length <= TITLE_MAX && !/[\n.!?:;]/.test(summary)) return summary;
  const bare = op.names.mcpTool.startsWith(spec.packages.toolPrefix) ? op.names.mcpTool.slice(spec.packages.toolPrefix.length) : op.names.mcpTool;
  return sentenceCase(bare);
}

/** The summary plus the description's lead sentence (which often states a limit or precondition). */
function toolDescription(op: Operation): string {
  const description = sentences(plainText(op.description))[0] ?? '';
  const text = joinSummary(plainText(op.summary), description);
  // No summary or description: the method, the resource and the route say what it does.
  const fallback = `${sentenceCase([op.method, ...op.resource].join(' '))} (${op.httpMethod.toUpperCase()} ${op.path}).`;
  const base = leadText(text || fallback, TOOL_DESCRIPTION_MAX);
  return op.deprecated ? `Deprecated. ${base}` : base;
}

/** What a call to an always-streaming tool returns (runtime/mcp/results.ts streamResult). */
const STREAM_OUTPUT_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: { final: {}, events: { type: 'array' }, count: { type: 'integer' }, truncated: { type: 'boolean' }, max_bytes: { type: 'integer' } },
  required: ['count'],
};

/**
 * A page-number or offset list continues at a number (the next page's, or the next offset); one paged by the `Link`
 * header too, at a URL when a response sent one. Number or string is an `anyOf`: strict validators (Ajv's
 * strictTypes) refuse a `type` list that joins two types other than null.
 */
function nextCursorSchema(pg: Pagination): JsonSchema {
  if (pg.style !== 'page_number' && pg.style !== 'offset') return { type: ['string', 'null'] };
  return pg.linkHeader ? { anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] } : { type: ['integer', 'null'] };
}

function buildOutputSchema(builder: SchemaBuilder, op: Operation): JsonSchemaObject | undefined {
  const pg = walkedPagination(op);
  if (pg) {
    return {
      type: 'object',
      properties: {
        data: { type: 'array', items: builder.output(pg.item, 1) },
        has_more: { type: 'boolean' },
        truncated: { type: 'boolean' },
        next_cursor: nextCursorSchema(pg),
      },
      required: ['data', 'has_more', 'truncated', 'next_cursor'],
    };
  }
  // Text, bytes and nothing come back as content blocks without structuredContent, so no outputSchema.
  if (!op.response || op.responseKind) return undefined;
  const shape = builder.resolve(op.response.schema);
  if (shape.kind !== 'object' || shape.nullable) return undefined;
  return builder.output(shape, 1) as JsonSchemaObject;
}
