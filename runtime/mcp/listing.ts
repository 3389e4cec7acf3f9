/**
 * The static tools/list: the selected tools as listed (shared argument
 * descriptions moved to the instructions, outputSchema as --output-schemas
 * says), and whether it passes the listing budget, in which case the default
 * start is the dynamic mode (server.ts). The generator uses the same functions
 * to state in the MCP README how a target's server starts.
 */
import type { SharedArgument, ToolDef, ToolTable } from './table.js';
import type { OutputSchemas, ServerOptions } from './options.js';
import { sharedFor, withoutSharedDocs } from './shared-docs.js';

/** The tool definitions as tools/list sends them (see OutputSchemas). */
export function listedDefs(defs: ToolDef[], outputSchemas: OutputSchemas): ToolDef[] {
  if (outputSchemas === 'full') return defs;
  return defs.map(({ outputSchema, ...tool }) =>
    outputSchema && outputSchemas === 'object' ? { ...tool, outputSchema: OBJECT_SCHEMA } : tool,
  );
}
const OBJECT_SCHEMA = Object.freeze({ type: 'object' as const });

/** One tool per selected operation, and the argument descriptions the instructions carry for them. */
export function staticListing(
  table: ToolTable,
  selected: ToolDef[],
  options: Pick<ServerOptions, 'mode' | 'inlineSharedDocs' | 'outputSchemas'>,
): { listed: ToolDef[]; shared: SharedArgument[] } {
  const shared =
    options.mode === 'dynamic' || options.inlineSharedDocs ? [] : sharedFor(table.sharedArguments, selected);
  return { listed: listedDefs(withoutSharedDocs(selected, shared), options.outputSchemas), shared };
}

export interface OverBudget {
  tools: number;
  /** Bytes of the JSON tools/list result. */
  bytes: number;
  budget: number;
}

/**
 * The bytes of `JSON.stringify(value)`, without making that string: a large
 * API's listing can pass the longest string the engine makes. An object that
 * recurs (a schema tools.json stores once, see shared-schemas.ts) is measured
 * once, through `seen`.
 */
export function jsonBytes(value: unknown, seen: WeakMap<object, number> = new WeakMap()): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
    case 'boolean':
      return String(JSON.stringify(value)).length;
    case 'object':
      break;
    default:
      return 0;
  }
  const known = seen.get(value);
  if (known !== undefined) return known;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value)
      bytes += item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 4 : jsonBytes(item, seen);
    if (value.length > 1) bytes += value.length - 1;
  } else {
    let n = 0;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const item = record[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      bytes += stringBytes(key) + 1 + jsonBytes(item, seen);
      n++;
    }
    if (n > 1) bytes += n - 1;
  }
  seen.set(value, bytes);
  return bytes;
}

/** Printable ASCII that JSON writes as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The bytes of a string as JSON writes it, quotes included. */
function stringBytes(text: string): number {
  return PLAIN.test(text) ? text.length + 2 : Buffer.byteLength(JSON.stringify(text));
}

/** The listing's size when it passes `budget`, else undefined. */
export function listingOverBudget(listed: ToolDef[], budget: number): OverBudget | undefined {
  const bytes = jsonBytes({ tools: listed });
  return bytes > budget ? { tools: listed.length, bytes, budget } : undefined;
}

/** `listed` in tools/list pages (--listing-page-size) of whole tools, each under `pageBytes` unless one tool alone is larger; at least one page. */
export function listingPages(listed: ToolDef[], pageBytes: number): ToolDef[][] {
  const pages: ToolDef[][] = [[]];
  const seen = new WeakMap<object, number>();
  let bytes = 0;
  for (const tool of listed) {
    const size = jsonBytes(tool, seen) + 1;
    const page = pages[pages.length - 1]!;
    if (page.length > 0 && bytes + size > pageBytes) {
      pages.push([tool]);
      bytes = size;
    } else {
      page.push(tool);
      bytes += size;
    }
  }
  return pages;
}
