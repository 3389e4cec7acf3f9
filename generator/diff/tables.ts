/**
 * The CLI command table (cli/src/commands.json, runtime/cli/table.ts) and the
 * MCP tool table (mcp/src/tools.json, runtime/mcp/table.ts) as the emitters
 * produce them, so the report shows what users really get. Only the tables
 * are built (the emitters' table builders; the full emitters as a fallback),
 * not the rest of the packages. When neither is available the caller falls
 * back to the IR-derived tables (surfaces.ts).
 */
import type { NormalizedSpec } from '../ir/types.js';
import type { CommandTable } from '../../runtime/cli/table.js';
import type { ToolTable } from '../../runtime/mcp/table.js';
import { canonicalJson, operationIndex, type SurfaceInput, type SurfaceTable } from './surfaces.js';

export const CLI_TABLE_PATH = 'cli/src/commands.json';
export const MCP_TABLE_PATH = 'mcp/src/tools.json';

type Json = Record<string, unknown>;
type Builder = (spec: NormalizedSpec) => unknown;

/** The table builder, or the whole emitter reduced to its table file. */
async function tableBuilder(kind: 'cli' | 'mcp'): Promise<Builder | undefined> {
  try {
    if (kind === 'cli') {
      const mod = (await import('../emit/cli/table.js')) as Json;
      if (typeof mod.buildCommandTable === 'function') return mod.buildCommandTable as Builder;
    } else {
      const mod = (await import('../emit/mcp/index.js')) as Json;
      if (typeof mod.buildToolTable === 'function') return (spec) => (mod.buildToolTable as (s: NormalizedSpec) => { table: unknown })(spec).table;
    }
  } catch {
    // fall through to the full emitter
  }
  try {
    const mod = (kind === 'cli' ? await import('../emit/cli/index.js') : await import('../emit/mcp/index.js')) as Json;
    const emit = mod[kind === 'cli' ? 'emitCli' : 'emitMcp'];
    if (typeof emit !== 'function') return undefined;
    return (spec) => {
      const text = (emit as (s: NormalizedSpec) => Map<string, string>)(spec).get(kind === 'cli' ? CLI_TABLE_PATH : MCP_TABLE_PATH);
      return text === undefined ? undefined : JSON.parse(text);
    };
  } catch {
    return undefined;
  }
}

/** Replace `$ref: '#/$defs/X'` by the definition (bounded depth), so a changed definition changes the input's signature. */
function expandDefs(schema: unknown, defs: Json, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => expandDefs(s, defs, depth));
  if (!schema || typeof schema !== 'object') return schema;
  const node = schema as Json;
  const ref = typeof node.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(node.$ref) : null;
  if (ref && depth < 8 && defs[ref[1]!] !== undefined) {
    const { $ref: _ref, ...rest } = node;
    return { ...(expandDefs(defs[ref[1]!], defs, depth + 1) as Json), ...rest };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = expandDefs(value, defs, depth);
  return out;
}

export function cliSurface(spec: NormalizedSpec, table: CommandTable): SurfaceTable {
  const find = operationIndex(spec);
  const out: SurfaceTable = new Map();
  for (const command of table.commands ?? []) {
    const op = find({ key: command.key, http: command.http, path: command.path, group: command.group, command: command.command });
    if (!op) continue;
    const inputs: SurfaceInput[] = [];
    for (const flag of command.flags ?? []) {
      const param = op.params.find((p) => p.name === flag.name);
      const { flag: _f, aliases, description: _d, default: _df, deprecated: _dp, ...typed } = flag;
      const signature = canonicalJson(typed);
      inputs.push({ name: `--${flag.flag}`, param: flag.name, required: flag.required, signature, pointer: param?.pointer });
      // Another accepted spelling (e.g. the plural); dropping it breaks scripts that use it.
      for (const alias of aliases ?? []) inputs.push({ name: `--${alias}`, param: flag.name, alias: true, required: false, signature, pointer: param?.pointer });
    }
    out.set(op, { name: `${table.bin} ${command.group} ${command.command}`, inputs, pointer: op.pointer });
  }
  return out;
}

export function mcpSurface(spec: NormalizedSpec, table: ToolTable): SurfaceTable {
  const find = operationIndex(spec);
  const out: SurfaceTable = new Map();
  for (const tool of table.tools ?? []) {
    const call = table.calls?.[tool.name];
    const op = find({ key: call?.op, http: call?.http, name: tool.name });
    if (!op) continue;
    const schema = tool.inputSchema ?? { type: 'object' };
    const defs = (schema.$defs ?? {}) as Json;
    const properties = (schema.properties ?? {}) as Json;
    const required = new Set(schema.required ?? []);
    const inputs: SurfaceInput[] = Object.keys(properties)
      .sort()
      .map((name) => {
        const paramName = call?.args?.[name] ?? (call?.positional === name ? name : undefined);
        const param = op.params.find((p) => p.name === (paramName ?? name));
        return { name, param: param?.name, required: required.has(name), signature: canonicalJson(expandDefs(properties[name], defs)), pointer: param?.pointer };
      });
    out.set(op, { name: tool.name, inputs, annotations: { ...tool.annotations }, pointer: op.pointer });
  }
  return out;
}

/**
 * The surface table the emitter produces for `spec`, or undefined when the
 * emitter is unavailable, fails, or its table maps to no operation at all.
 */
export async function emitterTable(kind: 'cli' | 'mcp', spec: NormalizedSpec): Promise<SurfaceTable | undefined> {
  const build = await tableBuilder(kind);
  if (!build) return undefined;
  let table: unknown;
  try {
    table = build(spec);
  } catch {
    return undefined;
  }
  if (!table || typeof table !== 'object') return undefined;
  const surface = kind === 'cli' ? cliSurface(spec, table as CommandTable) : mcpSurface(spec, table as ToolTable);
  return surface.size > 0 ? surface : undefined;
}
