/**
 * Tool selection: `--read-only`, `--resource <glob>` and `--tool <name>`.
 * Filters combine with AND; repeated `--resource`/`--tool` values combine with OR.
 */
import type { ToolDef, ToolTable } from './table.js';
import { UsageError, type ServerOptions } from './options.js';
import { suggest } from '../shared/suggest.js';

/** `*` matches any run of characters (dots included), `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * A resource glob matches the dotted resource key (`admin.organization.projects.users`)
 * or any trailing part of it (`projects.users`, `users`), so short globs work.
 */
export function resourceMatches(resource: string, globs: RegExp[]): boolean {
  const parts = resource.split('.');
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('.');
    if (globs.some((g) => g.test(tail))) return true;
  }
  return false;
}

export function selectTools(
  table: ToolTable,
  options: Pick<ServerOptions, 'readOnly' | 'resources' | 'tools'>,
): ToolDef[] {
  const known = new Set(table.tools.map((t) => t.name));
  for (const name of options.tools) {
    if (!known.has(name)) {
      const names = table.tools.map((t) => t.name);
      const hint = suggest(name.startsWith(table.prefix) ? name : table.prefix + name, names, 3);
      throw new UsageError(`--tool ${name}: no such tool${hint.length ? ` (did you mean ${hint.join(', ')}?)` : ''}`);
    }
  }
  const globs = options.resources.map(globToRegExp);
  const wanted = new Set(options.tools);
  const selected = table.tools.filter((tool) => {
    if (options.readOnly && tool.annotations.readOnlyHint !== true) return false;
    if (globs.length && !resourceMatches(table.calls[tool.name]!.resource, globs)) return false;
    if (wanted.size && !wanted.has(tool.name)) return false;
    return true;
  });
  // An API with no operations (a document of webhooks alone) serves no tools; filters that select none are a mistake.
  if (selected.length === 0 && table.tools.length > 0) throw new UsageError('the filters select no tools');
  return selected;
}
