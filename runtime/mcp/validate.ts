/**
 * Argument validation against each tool's inputSchema (JSON Schema 2020-12).
 * Ajv is loaded and schemas are compiled on first use only: a server that is
 * just listing tools never pays for them.
 */
import type { CallSpec, ToolDef } from './table.js';
import { suggest } from '../shared/suggest.js';

type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
interface AjvLike {
  compile(schema: unknown): Validate;
}

let ajvPromise: Promise<AjvLike> | undefined;

async function loadAjv(): Promise<AjvLike> {
  const [ajvModule, formatsModule] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
  // Both are CommonJS: the constructor sits on `default` (sometimes twice).
  const unwrap = (m: any) =>
    typeof m === 'function' ? m : typeof m?.default === 'function' ? m.default : m?.default?.default;
  const Ajv2020 = unwrap(ajvModule);
  const addFormats = unwrap(formatsModule);
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  return ajv as AjvLike;
}

export function getAjv(): Promise<AjvLike> {
  ajvPromise ??= loadAjv();
  return ajvPromise;
}

const compiled = new Map<string, Validate>();

/** A readable field path: `/effective_at/gt` → `effective_at.gt`, `/ids/0` → `ids[0]`. */
function fieldPath(instancePath: string, extra?: unknown): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (typeof extra === 'string') parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

export function describeError(error: AjvError): string {
  switch (error.keyword) {
    case 'required':
      return `missing required argument "${fieldPath(error.instancePath, error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown argument "${fieldPath(error.instancePath, error.params.additionalProperty)}"`;
    case 'enum':
      return `"${fieldPath(error.instancePath)}" must be one of: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `"${fieldPath(error.instancePath) || '(arguments)'}" ${error.message ?? 'is invalid'}`;
  }
}

/**
 * The schema the server validates with: the listed one minus the bounds the API
 * states only in prose. Models see those bounds; a value outside them still
 * reaches the API, which decides (descriptions go stale; declared bounds stay checked).
 */
export function enforcedSchema(tool: ToolDef, proseBounds: CallSpec['proseBounds']): ToolDef['inputSchema'] {
  if (!proseBounds || !tool.inputSchema.properties) return tool.inputSchema;
  const properties = { ...tool.inputSchema.properties };
  const strip = (schema: unknown, keys: string[]): unknown => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
    const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
    for (const key of keys) delete out[key];
    // A nullable value is an anyOf of the value and null.
    for (const list of ['anyOf', 'oneOf'] as const)
      if (Array.isArray(out[list])) out[list] = (out[list] as unknown[]).map((m) => strip(m, keys));
    return out;
  };
  for (const [name, keys] of Object.entries(proseBounds))
    if (name in properties) properties[name] = strip(properties[name], keys);
  return { ...tool.inputSchema, properties };
}

/**
 * A union body's forms none of which `args` gives in full: `needs one of: url,
 * html` (a form of several arguments reads `first_name + last_name`).
 */
export function alternativesProblem(
  args: Record<string, unknown>,
  requiredAnyOf: CallSpec['requiredAnyOf'],
): string | undefined {
  if (!requiredAnyOf?.length) return undefined;
  const given = (key: string) => Object.prototype.hasOwnProperty.call(args, key) && args[key] !== undefined;
  if (requiredAnyOf.some((keys) => keys.every(given))) return undefined;
  return `needs one of: ${requiredAnyOf.map((keys) => keys.join(' + ')).join(', ')}`;
}

/** Problems with `args` for `tool`, one line each; empty when the arguments are valid. */
export async function validateArgs(
  tool: ToolDef,
  args: Record<string, unknown>,
  call: Pick<CallSpec, 'proseBounds' | 'requiredAnyOf'> = {},
): Promise<string[]> {
  const problems: string[] = [];
  const known = tool.inputSchema.properties ?? {};
  for (const key of Object.keys(args)) {
    if (Object.prototype.hasOwnProperty.call(known, key)) continue;
    // "projectId" → "project_id": a model corrects itself from one good hint.
    const near = suggest(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'), Object.keys(known), 1);
    problems.push(`unknown argument "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}`);
  }
  // Not in the listed schema (clients refuse a top-level anyOf): checked here, before Ajv's lines can crowd it out.
  const alternatives = alternativesProblem(args, call.requiredAnyOf);
  if (alternatives) problems.push(alternatives);
  let validate = compiled.get(tool.name);
  if (!validate) {
    validate = (await getAjv()).compile(enforcedSchema(tool, call.proseBounds));
    compiled.set(tool.name, validate);
  }
  if (!validate(args)) {
    // With allErrors, a failed anyOf adds one error per member: keep the clearest few.
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const line = describeError(error);
      if (!seen.has(line)) (seen.add(line), problems.push(line));
    }
  }
  return problems.slice(0, 8);
}
