/**
 * Argument descriptions shared by many tools (the usage tools' `start_time`,
 * `end_time`, `limit`) are sent once, in the server instructions, instead of
 * in every tool of tools/list. tools.json keeps every schema complete; this
 * module only shapes what is listed. `--inline-shared-docs` turns it off for
 * clients that do not show server instructions to the model.
 */
import type { SharedArgument, ToolDef } from './table.js';

/** The shared arguments that apply to at least two of the listed tools, narrowed to those tools. */
export function sharedFor(shared: SharedArgument[] | undefined, listed: ToolDef[]): SharedArgument[] {
  const names = new Set(listed.map((t) => t.name));
  return (shared ?? [])
    .map((s) => ({ ...s, tools: s.tools.filter((t) => names.has(t)) }))
    .filter((s) => s.tools.length >= 2);
}

/** Tool definitions without the descriptions that `shared` carries instead. */
export function withoutSharedDocs(defs: ToolDef[], shared: SharedArgument[]): ToolDef[] {
  if (shared.length === 0) return defs;
  const drop = new Map<string, SharedArgument[]>();
  for (const s of shared) for (const tool of s.tools) drop.set(tool, [...(drop.get(tool) ?? []), s]);
  return defs.map((def) => {
    const entries = drop.get(def.name);
    const props = def.inputSchema.properties as Record<string, Record<string, unknown>> | undefined;
    if (!entries || !props) return def;
    const next = { ...props };
    for (const s of entries) {
      const prop = next[s.name];
      if (prop?.description !== s.description) continue;
      const { description: _shared, ...rest } = prop;
      next[s.name] = rest;
    }
    return { ...def, inputSchema: { ...def.inputSchema, properties: next } };
  });
}

/**
 * `openai_admin_usage_*` when the tools are all the listed tools with their
 * common prefix, `… except x` when one or two of those lack it, else their names.
 */
export function toolsLabel(tools: string[], listed: string[]): string {
  let prefix = tools[0] ?? '';
  for (const t of tools) while (!t.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.slice(0, prefix.lastIndexOf('_') + 1);
  if (!prefix) return tools.join(', ');
  const these = new Set(tools);
  const others = listed.filter((t) => t.startsWith(prefix) && !these.has(t));
  if (others.length === 0) return `${prefix}*`;
  return others.length <= 2 && others.length < tools.length
    ? `${prefix}* except ${others.join(', ')}`
    : tools.join(', ');
}

/** One instructions line, or none. */
export function sharedDocsLine(shared: SharedArgument[], listed: string[]): string | undefined {
  if (shared.length === 0) return undefined;
  const parts = shared.map((s) => `${s.name} in ${toolsLabel(s.tools, listed)}: ${s.description}`);
  return `Described here, not in each tool: ${parts.join(' | ')}`;
}
