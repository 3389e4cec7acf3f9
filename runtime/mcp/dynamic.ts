/**
 * Dynamic mode (`--tools dynamic`): three small meta-tools instead of one tool
 * per endpoint, for clients with tight context budgets. The model searches the
 * endpoints, fetches one endpoint's full schema, then invokes it by name.
 */
import type { ToolDef, ToolTable } from './table.js';
import { errorResult, type CallContext, type Executor, type ToolResult } from './execute.js';

export function metaToolDefs(table: ToolTable, readOnly: boolean): ToolDef[] {
  const p = table.prefix;
  return [
    {
      name: `${p}search_endpoints`,
      description: `Search the ${table.server.title} endpoints by keywords (matches tool name, title, description, HTTP path). Returns names to pass to ${p}get_endpoint_schema and ${p}invoke_endpoint.`,
      inputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'Keywords, e.g. "list project users". Empty lists everything.' },
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
        },
      },
      annotations: { title: 'Search endpoints', readOnlyHint: true, openWorldHint: false },
    },
    {
      name: `${p}get_endpoint_schema`,
      description: "Get one endpoint's description, input schema, output schema and annotations.",
      inputSchema: {
        type: 'object',
        properties: { name: { type: 'string', description: 'Tool name from search.' } },
        required: ['name'],
      },
      annotations: { title: 'Get endpoint schema', readOnlyHint: true, openWorldHint: false },
    },
    {
      name: `${p}invoke_endpoint`,
      description: 'Call one endpoint by name with arguments matching its input schema.',
      inputSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Tool name from search.' },
          arguments: { type: 'object', description: 'Arguments for that endpoint.' },
        },
        required: ['name'],
      },
      // MCP defaults left out, as on every tool: without readOnlyHint it may write and destroy.
      annotations: readOnly ? { title: 'Invoke endpoint', readOnlyHint: true } : { title: 'Invoke endpoint' },
    },
  ];
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function searchTools(table: ToolTable, tools: ToolDef[], query: string, limit: number) {
  const terms = words(query);
  const scored = tools.map((tool) => {
    const call = table.calls[tool.name]!;
    const name = words(tool.name.slice(table.prefix.length));
    const rest = new Set(words(`${tool.annotations.title ?? ''} ${tool.description} ${call.http}`));
    const same = (w: string, term: string) => w === term || w.replace(/s$/, '') === term.replace(/s$/, '');
    let score = 0;
    for (const term of terms) {
      if (name.some((w) => same(w, term))) score += 3;
      else if ([...rest].some((w) => same(w, term))) score += 1;
    }
    // Among equal scores, prefer the name with the fewest words the query did not mention.
    if (score > 0) score += name.filter((w) => terms.some((t) => same(w, t))).length / name.length;
    return { tool, call, score };
  });
  const hits = scored
    .filter((s) => terms.length === 0 || s.score > 0)
    .sort((a, b) => b.score - a.score || (a.tool.name < b.tool.name ? -1 : 1));
  return {
    total: hits.length,
    results: hits.slice(0, limit).map(({ tool, call }) => ({
      name: tool.name,
      title: tool.annotations.title ?? tool.name,
      http: call.http,
      readOnly: tool.annotations.readOnlyHint === true,
    })),
  };
}

export async function callMetaTool(
  table: ToolTable,
  selected: Map<string, ToolDef>,
  executor: Executor,
  name: string,
  args: Record<string, unknown>,
  context: CallContext = {},
): Promise<ToolResult | undefined> {
  const p = table.prefix;
  const ok = (value: Record<string, unknown>): ToolResult => ({
    content: [{ type: 'text', text: JSON.stringify(value) }],
    structuredContent: value,
  });
  const unknown = () =>
    errorResult(
      typeof args.name === 'string' && args.name
        ? `Unknown endpoint "${args.name}": use ${p}search_endpoints to find names.`
        : `\`name\` is required: an endpoint name from ${p}search_endpoints.`,
    );
  const target = () => {
    const wanted = typeof args.name === 'string' ? args.name : '';
    const tool = selected.get(wanted) ?? selected.get(p + wanted);
    return tool;
  };
  switch (name) {
    case `${p}search_endpoints`: {
      const limit =
        Number.isInteger(args.limit) && (args.limit as number) > 0 ? Math.min(args.limit as number, 200) : 20;
      return ok(searchTools(table, [...selected.values()], typeof args.query === 'string' ? args.query : '', limit));
    }
    case `${p}get_endpoint_schema`: {
      const tool = target();
      if (!tool) return unknown();
      return ok({ ...tool, http: table.calls[tool.name]!.http });
    }
    case `${p}invoke_endpoint`: {
      const tool = target();
      if (!tool) return unknown();
      return executor.call(tool, args.arguments ?? {}, context);
    }
    default:
      return undefined;
  }
}
