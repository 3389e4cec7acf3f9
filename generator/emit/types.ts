import type { NormalizedSpec } from '../ir/types.js';

/**
 * An emitter is a pure function from the normalized spec to files in memory.
 * Keys are paths relative to `generated/<target>/` (e.g. `client/src/index.ts`),
 * values are the exact file contents. The writer does all I/O.
 */
export type Emitter = (spec: NormalizedSpec) => Map<string, string>;
