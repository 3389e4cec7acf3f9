/**
 * Helpers for the client tests: where the generated client lives, emitting
 * a spec into a scratch folder, and plausible argument values per operation
 * derived from the IR param shapes (independent of the emitter's own examples).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedSpec, Operation, Param, Shape } from '../../generator/ir/types.js';
import { emitClient } from '../../generator/emit/client/index.js';
import { replaceDirectory } from '../../generator/write.js';
import { repoRoot } from '../support/shared.js';

export const realSpecPath = join(repoRoot, 'spec/openai-admin/spec.json');
export const realClientDir = join(repoRoot, 'generated/openai-admin/client');
export const scratchRoot = join(repoRoot, '.tmp/test-client');

export function loadRealSpec(): NormalizedSpec {
  return JSON.parse(readFileSync(realSpecPath, 'utf8')) as NormalizedSpec;
}

/** Emit the client for `spec` into `dir` (a scratch folder), returning `dir`. */
export function emitInto(spec: NormalizedSpec, dir: string): string {
  mkdirSync(scratchRoot, { recursive: true });
  const files = new Map<string, string>();
  for (const [path, contents] of emitClient(spec)) if (path.startsWith('client/')) files.set(path.slice('client/'.length), contents);
  replaceDirectory(dir, files);
  return dir;
}

/** The built generated client (ESM entry); the global setup builds it when dist/ is missing. */
export function realClientEntry(): string {
  const entry = join(realClientDir, 'dist/index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run generate\` (which builds) first`);
  return entry;
}

function resolve(shape: Shape, spec: NormalizedSpec): Shape {
  let s = shape;
  for (let i = 0; s.kind === 'ref' && i < 20; i++) s = spec.types[s.name]!.shape;
  return s;
}

/**
 * A plausible value: enums pick the first value, strings 'x' (or a valid
 * format), integers 1 (within bounds), arrays one item, objects per shape.
 * `all` fills optional properties too.
 */
export function sampleFor(shape: Shape, spec: NormalizedSpec, all: boolean, depth = 0): unknown {
  const s = resolve(shape, spec);
  switch (s.kind) {
    case 'literal':
      return s.value;
    case 'string':
      if (s.enum?.length) return s.enum[0];
      if (s.format === 'email') return 'x@example.com';
      if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
      if (s.format === 'uri') return 'https://example.com';
      return s.minLength && s.minLength > 1 ? 'x'.repeat(s.minLength) : 'x';
    case 'integer':
    case 'number':
      if (s.enum?.length) return s.enum[0];
      return Math.max(1, s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return depth > 5 ? [] : [sampleFor(s.items, spec, all, depth + 1)];
    case 'union':
      return s.members.length ? sampleFor(s.members[0]!, spec, all, depth + 1) : 'x';
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of s.properties) if (p.required || (all && depth < 5)) out[p.name] = sampleFor(p.shape, spec, all, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

export interface CallArgs {
  /** Value for the last path param, passed positionally. */
  positional?: string;
  /** The params object (parent path params, query, body), or undefined when the method takes none. */
  params?: Record<string, unknown>;
}

/** Arguments for one call of `op`: required params only, or every param. */
export function callArgs(op: Operation, spec: NormalizedSpec, mode: 'required' | 'all'): CallArgs {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const last = pathParams[pathParams.length - 1];
  const rest = op.params.filter((p) => p !== last);
  const chosen = rest.filter((p: Param) => mode === 'all' || p.required);
  const params: Record<string, unknown> = {};
  for (const p of chosen) params[p.name] = p.in === 'path' ? `${p.name.replace(/_id$/, '')}_1` : sampleFor(p.schema, spec, mode === 'all');
  return {
    positional: last ? `${last.name.replace(/_id$/, '')}_1` : undefined,
    params: rest.length > 0 ? params : undefined,
  };
}

/** Walk `client` along `names.clientPath` and call the method with `args`. */
export function invoke(client: unknown, op: Operation, args: CallArgs, options?: Record<string, unknown>): unknown {
  const path = op.names.clientPath;
  let target = client as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) {
    target = target[segment] as Record<string, unknown>;
    if (!target) throw new Error(`client has no accessor ${segment} on the way to ${path.join('.')}`);
  }
  const fn = target[path[path.length - 1]!] as ((...a: unknown[]) => unknown) | undefined;
  if (typeof fn !== 'function') throw new Error(`client has no method ${path.join('.')}`);
  const list: unknown[] = [];
  if (args.positional !== undefined) list.push(args.positional);
  // Methods without a params object take (positional?, options?).
  if (args.params !== undefined) list.push(args.params);
  if (options) list.push(options);
  return fn.apply(target, list);
}
