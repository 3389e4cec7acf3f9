/**
 * The spec a re-import locks its names to: spec/<target>/spec.json as it is
 * on disk. In the daemon (generator/long-lived.ts) the spec an import wrote is
 * kept as its file reads (generator/ir/serialize.ts), and taken by the next
 * import of that target while the file is still the one written.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { NormalizedSpec } from '../ir/types.js';
import { keptSpec, parseSpec } from '../ir/serialize.js';

/** The spec in `file`, or undefined when there is none. */
export function readPreviousSpec(file: string): NormalizedSpec | undefined {
  return keptSpec(file) ?? (existsSync(file) ? parseSpec(readFileSync(file, 'utf8'), file) : undefined);
}
