/**
 * Schemas stored once in tools.json. A large API's tools reach the same named
 * types again and again (Microsoft Graph: a user object in 130 tools), and
 * every tool must list them in full (MCP clients need self-contained
 * schemas). So the generator keeps a big subtree that recurs across tools once,
 * in the table's `schemas`, and each place it occurs says
 * `{"$shared": "<key>"}` instead (generator/emit/mcp/share.ts). The server
 * puts them back once, at start-up: the tools it lists and validates with are
 * exactly the inline ones. The expanded subtrees are one object per key,
 * shared by every tool that uses it, so memory and start-up stay in
 * proportion to the file, not to the listing.
 *
 * Markers stand only where a schema stands (a property's schema, `items`,
 * an `anyOf` member, a `$defs` entry…) or for a whole `properties` or
 * `$defs` map, never inside data such as an enum or a default.
 */
import type { ToolDef, ToolTable } from './table.js';

/** The marker's one key: `{"$shared": "MicrosoftGraphUser"}` stands for `table.schemas.MicrosoftGraphUser`. */
export const SHARED_MARKER = '$shared';

/** Keywords whose value is a schema. */
export const SCHEMA_KEYWORDS: readonly string[] = ['items', 'additionalProperties', 'not'];
/** Keywords whose value is a list of schemas. */
export const SCHEMA_LIST_KEYWORDS: readonly string[] = ['anyOf', 'allOf', 'oneOf', 'prefixItems'];
/**
 * Keywords whose value maps names to schemas. Such a map may be stored whole:
 * tools that take one type reach the same `$defs`, and an object body's
 * fields are the same `properties` in several tools. (A marker there never
 * reads as a property or a definition: those hold schemas, never a string.)
 */
export const SCHEMA_MAP_KEYWORDS: readonly string[] = ['properties', '$defs'];

/** What a child stands for: a schema, or a map of schemas. */
export type ChildKind = 'schema' | 'map';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The key a marker names, or undefined for any other value. */
export function markerKey(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === SHARED_MARKER && typeof value[SHARED_MARKER] === 'string'
    ? (value[SHARED_MARKER] as string)
    : undefined;
}

/** `map` with each value rewritten by `child` (the same object when none changes). */
export function mapEntries(map: Json, child: (value: unknown) => unknown): Json {
  let out: Json | undefined;
  for (const name of Object.keys(map)) {
    const next = child(map[name]);
    if (next !== map[name]) (out ??= { ...map })[name] = next;
  }
  return out ?? map;
}

/**
 * `schema` with its children (schemas, and maps of them) rewritten by
 * `child` (the same object when none changes); keys keep their order.
 */
export function mapSchemaChildren(schema: Json, child: (value: unknown, kind: ChildKind) => unknown): Json {
  let out: Json | undefined;
  const set = (key: string, value: unknown) => {
    if (value === schema[key]) return;
    out ??= { ...schema };
    out[key] = value;
  };
  const asSchema = (value: unknown) => child(value, 'schema');
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (SCHEMA_KEYWORDS.includes(key)) {
      if (isObject(value)) set(key, asSchema(value));
    } else if (SCHEMA_LIST_KEYWORDS.includes(key)) {
      if (Array.isArray(value)) {
        const next = value.map(asSchema);
        if (next.some((v, i) => v !== value[i])) set(key, next);
      }
    } else if (SCHEMA_MAP_KEYWORDS.includes(key)) {
      if (isObject(value)) set(key, child(value, 'map'));
    }
  }
  return out ?? schema;
}

/**
 * The table with every marker replaced by its schema and without `schemas`;
 * the table itself when it has none. One pass, each key expanded once.
 */
export function expandTable(table: ToolTable): ToolTable {
  const { schemas, ...rest } = table;
  if (!schemas) return table;
  const done = new Map<string, unknown>();
  const open = new Set<string>();
  const expand = (value: unknown, kind: ChildKind = 'schema'): unknown => {
    const key = markerKey(value);
    if (key === undefined) {
      if (!isObject(value)) return value;
      return kind === 'map' ? mapEntries(value, (entry) => expand(entry)) : mapSchemaChildren(value, expand);
    }
    let out = done.get(key);
    if (out === undefined) {
      if (!Object.prototype.hasOwnProperty.call(schemas, key)) throw new Error(`tools.json: no shared schema "${key}"`);
      if (open.has(key)) throw new Error(`tools.json: shared schema "${key}" contains itself`);
      open.add(key);
      out = expand(schemas[key], kind);
      open.delete(key);
      done.set(key, out);
    }
    return out;
  };
  const tools = table.tools.map((tool): ToolDef => {
    const inputSchema = expand(tool.inputSchema) as ToolDef['inputSchema'];
    const outputSchema = tool.outputSchema && (expand(tool.outputSchema) as ToolDef['inputSchema']);
    if (inputSchema === tool.inputSchema && outputSchema === tool.outputSchema) return tool;
    return { ...tool, inputSchema, ...(outputSchema ? { outputSchema } : {}) };
  });
  return { ...rest, tools };
}
