/**
 * The emitters of one target, in groups that `generate` may run on separate
 * threads (generator/commands/emit-threads.ts), each with its own emit memo.
 * At 4× the newest OpenAI document one thread takes 1.1 s for the client
 * (types, resources, operations table), 0.26 s for the CLI's command table and
 * 0.81 s for the MCP server's tool table: a cold `generate` runs the client and
 * the CLI here and the MCP table on a worker, whose start and copy of the spec
 * come first, which keeps the two threads close; the daemon's emission ahead
 * starts its worker as the import begins, with the same split. Each group is a pure function of the normalized spec, so where it runs
 * cannot change a byte; `mergeEmitted` puts them back together in one order
 * and refuses two writers of one path.
 */
import type { NormalizedSpec } from '../ir/types.js';
import { GeneratorError } from '../errors.js';
import { emitClient } from './client/index.js';
import { emitCli } from './cli/index.js';
import { emitMcp } from './mcp/index.js';
import { emitChangelogs } from './release-files.js';
import type { Emitter } from './types.js';

export const EMITTER_GROUPS = {
  client: [emitClient, emitChangelogs],
  cli: [emitCli],
  mcp: [emitMcp],
} satisfies Record<string, Emitter[]>;

export type EmitterGroup = keyof typeof EMITTER_GROUPS;
export const GROUP_NAMES = Object.keys(EMITTER_GROUPS) as EmitterGroup[];

/** The files of one group, in emission order. */
export function emitGroup(spec: NormalizedSpec, group: EmitterGroup): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const emit of EMITTER_GROUPS[group]) for (const entry of emit(spec)) out.push(entry);
  return out;
}

/** The groups' files as one map sorted by path; two writers of a path, or paths equal but for case, are an error. */
export function mergeEmitted(parts: Array<Iterable<[string, string]>>): Map<string, string> {
  const files = new Map<string, string>();
  // Paths that differ only in case are one file on macOS and Windows.
  const folded = new Map<string, string>();
  for (const part of parts) {
    for (const [path, contents] of part) {
      if (files.has(path)) throw new GeneratorError(`two emitters wrote ${path}`);
      const other = folded.get(path.toLowerCase());
      if (other) throw new GeneratorError(`${other} and ${path} differ only in case`, {}, 'the importer should have named them apart');
      folded.set(path.toLowerCase(), path);
      files.set(path, contents);
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
