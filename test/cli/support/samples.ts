/**
 * Plausible flag values for a command's required flags, from the table's
 * types and choices, so every command can be run against the mock server.
 */
import type { CommandSpec, FlagProperty, FlagSpec } from '../../../runtime/cli/table.js';

function scalar(name: string, type: string | undefined, choices?: Array<string | number | boolean>): string | number | boolean {
  if (choices?.length) return choices[0]!;
  if (type === 'integer') return /time|_at$/.test(name) ? 1730419200 : 1;
  if (type === 'number') return 1;
  if (type === 'boolean') return true;
  if (/email/.test(name)) return 'user@example.com';
  if (/_id$|^id$/.test(name)) return `${name.replace(/_id$/, '')}_abc`;
  return `${name}-value`;
}

function objectValue(props: FlagProperty[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of props ?? []) {
    if (!p.required) continue;
    if (p.type === 'array') out[p.name] = [scalar(p.name, p.items, p.choices)];
    else if (p.type === 'object' || p.type === 'json') out[p.name] = {};
    else out[p.name] = scalar(p.name, p.type, p.choices);
  }
  return out;
}

/** argv fragment for one flag with a sample value. */
export function sampleArgs(f: FlagSpec): string[] {
  if (f.type === 'array') {
    if (f.items === 'object') return [`--${f.flag}`, JSON.stringify(objectValue(f.properties))];
    return [`--${f.flag}`, String(scalar(f.name, f.items, f.choices))];
  }
  if (f.type === 'object') return [`--${f.flag}`, JSON.stringify(objectValue(f.properties))];
  if (f.type === 'json') return [`--${f.flag}`, '{}'];
  if (f.type === 'boolean') return [`--${f.flag}`];
  return [`--${f.flag}`, String(scalar(f.name, f.type, f.choices))];
}

export function requiredArgs(cmd: CommandSpec): string[] {
  return [cmd.group, cmd.command, ...cmd.flags.filter((f) => f.required).flatMap(sampleArgs)];
}
