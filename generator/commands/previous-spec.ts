/**
 * The spec a re-import locks its names to: spec/<target>/spec.json as it is
 * on disk. In the daemon (generator/long-lived.ts) the spec an import wrote is
 * kept, and taken by the next import of that target while the file is still
 * the one written (same inode, size and modification time): reading and
 * parsing the whole document's spec.json again is some 50 ms of a re-import.
 * It is the import's own object, which holds what the file says (the file is
 * its serialization; the name lock reads only its operations' methods, paths,
 * operationIds and names, none of which serialization changes), frozen once
 * the daemon is idle: normalize only reads it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { NormalizedSpec } from '../ir/types.js';
import { parseSpec } from '../ir/serialize.js';
import { afterReply, deepFreeze, isLongLived } from '../long-lived.js';

const kept = new Map<string, { identity: string; spec: NormalizedSpec }>();

function identity(file: string): string | undefined {
  const s = statSync(file, { bigint: true, throwIfNoEntry: false });
  return s ? `${s.ino}:${s.size}:${s.mtimeNs}` : undefined;
}

/** The spec in `file`, or undefined when there is none. */
export function readPreviousSpec(file: string): NormalizedSpec | undefined {
  const own = kept.get(file);
  if (own && own.identity === identity(file)) return own.spec;
  return existsSync(file) ? parseSpec(readFileSync(file, 'utf8'), file) : undefined;
}

/** After `spec` was written to `file`: in the daemon, keep it for the next import. */
export function keepWrittenSpec(file: string, spec: NormalizedSpec): void {
  if (!isLongLived()) return;
  kept.delete(file);
  const written = identity(file);
  if (!written) return;
  kept.set(file, { identity: written, spec });
  afterReply(() => deepFreeze(spec));
}
