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

/** The listing's size when it passes `budget`, else undefined. */
export function listingOverBudget(listed: ToolDef[], budget: number): OverBudget | undefined {
  const bytes = Buffer.byteLength(JSON.stringify({ tools: listed }));
  return bytes > budget ? { tools: listed.length, bytes, budget } : undefined;
}

/** `listed` in tools/list pages (--listing-page-size) of whole tools, each under `pageBytes` unless one tool alone is larger; at least one page. */
export function listingPages(listed: ToolDef[], pageBytes: number): ToolDef[][] {
  const pages: ToolDef[][] = [[]];
  let bytes = 0;
  for (const tool of listed) {
    const size = Buffer.byteLength(JSON.stringify(tool)) + 1;
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
