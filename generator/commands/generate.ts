/**
 * `generate`: normalized spec → the three surfaces, in memory, then one
 * atomic write per target. Reads only spec/<target>/spec.json.
 */
import { join } from 'node:path';
import type { NormalizedSpec } from '../ir/types.js';
import { loadSpec } from '../ir/serialize.js';
import { emitClient } from '../emit/client/index.js';
import { emitCli } from '../emit/cli/index.js';
import { emitMcp } from '../emit/mcp/index.js';
import { emitChangelogs } from '../emit/release-files.js';
import { replaceDirectory } from '../write.js';
import { GeneratorError } from '../errors.js';
import { generatedRoot, selectedTargets } from './targets.js';

/** All generated files of one target, relative to generated/<target>/. */
export function emitAll(spec: NormalizedSpec): Map<string, string> {
  const files = new Map<string, string>();
  // Paths that differ only in case are one file on macOS and Windows.
  const folded = new Map<string, string>();
  for (const emit of [emitClient, emitCli, emitMcp, emitChangelogs]) {
    for (const [path, contents] of emit(spec)) {
      if (files.has(path)) throw new GeneratorError(`two emitters wrote ${path}`);
      const other = folded.get(path.toLowerCase());
      if (other) throw new GeneratorError(`${other} and ${path} differ only in case`, {}, 'the importer should have named them apart');
      folded.set(path.toLowerCase(), path);
      files.set(path, contents);
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function runGenerate(argv: string[]): Promise<void> {
  const targets = selectedTargets(argv);
  if (targets.length === 0) {
    throw new GeneratorError('no normalized spec found under spec/', {}, 'run `npm run import -- --from <openapi doc>` first');
  }
  // Emit every target before writing any, so one bad target writes nothing.
  const outputs = targets.map((target) => ({ target, files: emitAll(loadSpec(target)) }));
  for (const { target, files } of outputs) {
    replaceDirectory(join(generatedRoot, target), files);
    console.log(`generated/${target}: ${files.size} files`);
  }
}
