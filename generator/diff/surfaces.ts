/**
 * CLI and MCP surfaces as users see them: commands with flags, tools with
 * input properties, required lists and annotations. Entries come from the
 * emitters' own tables (see tables.ts) or, when an emitter is unavailable,
 * from the IR by the same naming rules. Both sides are tied to IR operations
 * so a pair of operations gives a pair of entries.
 */
import type { NormalizedSpec, Operation, Shape } from '../ir/types.js';
import { kebabCase } from '../names.js';
import type { Change, PackageId, Severity } from './model.js';
import type { OperationPair, ParamSeverities } from './operations.js';
import { endpointOf, paramSeverityOf } from './operations.js';

export interface SurfaceInput {
  /** As typed by users: `--project-id` or the MCP property name. */
  name: string;
  /** The IR param it comes from (links retype severity to the client diff). */
  param?: string;
  /** Another spelling of a flag (e.g. the plural): only its presence matters. */
  alias?: boolean;
  required: boolean;
  /** Canonical text of the input's type, docs stripped: equal text ⇔ same accepted values. */
  signature: string;
  pointer?: string;
}

export interface SurfaceEntry {
  /** `openai-admin admin:organization:projects list` or the MCP tool name. */
  name: string;
  inputs: SurfaceInput[];
  /** MCP tool annotations (readOnlyHint, destructiveHint, idempotentHint, …). */
  annotations?: Record<string, unknown>;
  pointer: string;
}

export type SurfaceTable = Map<Operation, SurfaceEntry>;

const DOC_KEYS = new Set(['description', 'title', 'example', 'examples', 'help', 'summary', 'pointer', '$comment', 'deprecated']);

/** Stable JSON with sorted keys and documentation removed. */
export function canonicalJson(value: unknown): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) if (!DOC_KEYS.has(key)) out[key] = strip((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(strip(value));
}

/** The IR shape with refs expanded (bounded depth: cycles), as canonical JSON. */
export function shapeSignature(spec: NormalizedSpec, shape: Shape, depth = 0): string {
  const expand = (s: Shape, d: number): unknown => {
    if (s.kind === 'ref') {
      const target = spec.types[s.name];
      if (!target || d > 6) return { ref: s.name, nullable: s.nullable };
      return { ...(expand(target.shape, d + 1) as object), ...(s.nullable ? { nullable: true } : {}) };
    }
    const out: Record<string, unknown> = { ...s };
    if (s.kind === 'array') out.items = expand(s.items, d + 1);
    if (s.kind === 'object') {
      out.properties = s.properties.map((p) => ({ name: p.name, required: p.required, shape: expand(p.shape, d + 1) }));
      if (s.additionalProperties) out.additionalProperties = expand(s.additionalProperties, d + 1);
    }
    if (s.kind === 'union') out.members = s.members.map((m) => expand(m, d + 1));
    delete out.default;
    return out;
  };
  return canonicalJson(expand(shape, depth));
}

/** CLI commands derived from the IR: one per operation, one `--kebab` flag per param. */
export function cliTableFromIr(spec: NormalizedSpec): SurfaceTable {
  const table: SurfaceTable = new Map();
  for (const op of spec.operations) {
    table.set(op, {
      name: `${spec.packages.cliBin} ${op.names.cliGroup} ${op.names.cliCommand}`,
      inputs: op.params.map((p) => ({ name: `--${kebabCase(p.name)}`, param: p.name, required: p.required, signature: shapeSignature(spec, p.schema), pointer: p.pointer })),
      pointer: op.pointer,
    });
  }
  return table;
}

/** MCP tools derived from the IR: tool name, one input property per param, hints as annotations. */
export function mcpTableFromIr(spec: NormalizedSpec): SurfaceTable {
  const table: SurfaceTable = new Map();
  for (const op of spec.operations) {
    table.set(op, {
      name: op.names.mcpTool,
      inputs: op.params.map((p) => ({ name: p.name, param: p.name, required: p.required, signature: shapeSignature(spec, p.schema), pointer: p.pointer })),
      annotations: { readOnlyHint: op.hints.readOnly, destructiveHint: op.hints.destructive, idempotentHint: op.hints.idempotent },
      pointer: op.pointer,
    });
  }
  return table;
}

interface SurfaceWords {
  section: 'cli' | 'mcp';
  entry: string;
  input: string;
  /** What users lose when an entry goes away. */
  entryUsers: string;
}

const WORDS: Record<'cli' | 'mcp', SurfaceWords> = {
  cli: { section: 'cli', entry: 'command', input: 'flag', entryUsers: 'scripts calling it fail' },
  mcp: { section: 'mcp', entry: 'tool', input: 'input', entryUsers: 'agents and configs naming it fail' },
};

export function diffSurface(kind: 'cli' | 'mcp', oldTable: SurfaceTable, newTable: SurfaceTable, pairs: OperationPair[], paramSeverity: ParamSeverities): Change[] {
  const w = WORDS[kind];
  const affects: PackageId[] = [kind];
  const out: Change[] = [];
  for (const pair of pairs) {
    const a = pair.old ? oldTable.get(pair.old) : undefined;
    const b = pair.new ? newTable.get(pair.new) : undefined;
    if (!a && !b) continue;
    if (!a) {
      out.push({ section: kind, element: w.entry, action: 'added', subject: b!.name, severity: 'non-breaking', reason: `new ${w.entry} for ${pair.id}`, pointers: { new: b!.pointer }, affects });
      continue;
    }
    if (!b) {
      out.push({ section: kind, element: w.entry, action: 'removed', subject: a.name, severity: 'breaking', reason: `${w.entry} removed: ${w.entryUsers}`, pointers: { old: a.pointer }, affects });
      continue;
    }
    const pointers = { old: a.pointer, new: b.pointer };
    if (a.name !== b.name) {
      out.push({ section: kind, element: w.entry, action: 'renamed', subject: a.name, severity: 'breaking', reason: `renamed to ${b.name}: ${w.entryUsers}`, pointers, affects });
    }
    diffInputs(w, a, b, pair, paramSeverity, out, affects);
    diffAnnotations(w, a, b, out, affects);
  }
  return out;
}

function diffInputs(w: SurfaceWords, a: SurfaceEntry, b: SurfaceEntry, pair: OperationPair, paramSeverity: ParamSeverities, out: Change[], affects: PackageId[]): void {
  const before = new Map(a.inputs.map((i) => [i.name, i]));
  const after = new Map(b.inputs.map((i) => [i.name, i]));
  const subjectOf = (entry: SurfaceEntry, input: SurfaceInput) => (w.section === 'cli' ? `${entry.name} ${input.name}` : `${entry.name}.${input.name}`);
  // An alias comes and goes with its flag; only an alias added or dropped on its own is news.
  const addedParams = new Set(b.inputs.filter((i) => !i.alias && !before.has(i.name)).map((i) => i.param));
  const removedParams = new Set(a.inputs.filter((i) => !i.alias && !after.has(i.name)).map((i) => i.param));
  for (const input of b.inputs) {
    const old = before.get(input.name);
    const pointers = { old: old?.pointer ?? a.pointer, new: input.pointer ?? b.pointer };
    if (!old && input.alias && addedParams.has(input.param)) continue;
    if (!old) {
      out.push({
        section: w.section,
        element: w.input,
        action: 'added',
        subject: subjectOf(b, input),
        severity: input.required ? 'breaking' : 'non-breaking',
        reason: input.required ? `new required ${w.input}: existing invocations lack it` : `new optional ${w.input}`,
        pointers,
        affects,
      });
      continue;
    }
    if (input.alias || old.alias) continue;
    if (old.required !== input.required) {
      out.push({
        section: w.section,
        element: w.section === 'mcp' ? 'required' : w.input,
        action: 'changed',
        subject: subjectOf(b, input),
        severity: input.required ? 'breaking' : 'non-breaking',
        reason: input.required
          ? `${w.section === 'mcp' ? 'added to the required list' : 'now required'}: existing invocations may lack it`
          : `${w.section === 'mcp' ? 'dropped from the required list' : 'now optional'}`,
        pointers,
        affects,
      });
    }
    if (old.signature !== input.signature) {
      const key = pair.new && input.param ? `${pair.new.path} ${pair.new.httpMethod} ${input.param}` : '';
      const severity: Severity = paramSeverityOf(paramSeverity, key) ?? 'breaking';
      out.push({
        section: w.section,
        element: w.input,
        action: 'changed',
        subject: subjectOf(b, input),
        severity,
        reason: `accepted values changed (${severity === 'breaking' ? 'some old values are rejected or reshaped' : 'every old value is still accepted'}; details under the client)`,
        pointers,
        affects,
      });
    }
  }
  for (const input of a.inputs) {
    if (after.has(input.name) || (input.alias && removedParams.has(input.param))) continue;
    out.push({
      section: w.section,
      element: w.input,
      action: 'removed',
      subject: subjectOf(a, input),
      severity: 'breaking',
      reason: `${w.input} removed: invocations passing it fail`,
      pointers: { old: input.pointer ?? a.pointer, new: b.pointer },
      affects,
    });
  }
}

function diffAnnotations(w: SurfaceWords, a: SurfaceEntry, b: SurfaceEntry, out: Change[], affects: PackageId[]): void {
  if (!a.annotations && !b.annotations) return;
  const keys = [...new Set([...Object.keys(a.annotations ?? {}), ...Object.keys(b.annotations ?? {})])].sort();
  for (const key of keys) {
    const before = a.annotations?.[key];
    const after = b.annotations?.[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const textual = key === 'title';
    out.push({
      section: w.section,
      element: 'annotation',
      action: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
      subject: `${b.name} ${key}`,
      severity: textual ? 'docs-only' : 'non-breaking',
      reason: textual
        ? 'tool title changed'
        : `${key} ${JSON.stringify(before) ?? 'unset'} → ${JSON.stringify(after) ?? 'unset'}: MCP clients may change how they confirm or retry this tool`,
      pointers: { old: a.pointer, new: b.pointer },
      affects,
    });
  }
}

/** Look an emitter table entry up in the IR: by operation key, operationId, endpoint or stable name. */
export function operationIndex(spec: NormalizedSpec): (hint: Record<string, unknown>) => Operation | undefined {
  const byAny = new Map<string, Operation>();
  for (const op of spec.operations) {
    byAny.set(`key:${op.key}`, op);
    byAny.set(`id:${op.operationId}`, op);
    byAny.set(`ep:${endpointOf(op)}`, op);
    byAny.set(`tool:${op.names.mcpTool}`, op);
    byAny.set(`cmd:${op.names.cliGroup} ${op.names.cliCommand}`, op);
  }
  return (hint) => {
    const s = (k: string) => (typeof hint[k] === 'string' ? (hint[k] as string) : undefined);
    const http = s('http');
    const endpoint = http?.includes(' ') ? http : http && s('path') ? `${http} ${s('path')}` : undefined;
    const candidates = [
      s('key') && `key:${s('key')}`,
      s('operationId') && `id:${s('operationId')}`,
      endpoint && `ep:${endpoint.replace(/^\S+/, (m) => m.toUpperCase())}`,
      s('name') && `tool:${s('name')}`,
      s('group') && s('command') && `cmd:${s('group')} ${s('command')}`,
    ].filter((c): c is string => Boolean(c));
    for (const c of candidates) {
      const op = byAny.get(c);
      if (op) return op;
    }
    return undefined;
  };
}
