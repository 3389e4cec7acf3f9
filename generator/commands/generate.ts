/**
 * `generate [--target <name>]`: normalized spec → the three surfaces, in
 * memory, then written and built, for the selected target only (all committed
 * targets without --target). Reads only spec/<target>/spec.json. Every target
 * is emitted before any is written, so one bad target writes nothing; only the
 * files whose bytes changed are written, and the build redoes only what they
 * affect. Emission itself is incremental too: the pieces whose inputs are
 * unchanged since the last generate (see generator/emit/memo.ts) are reused.
 */
import { join } from 'node:path';
import type { NormalizedSpec } from '../ir/types.js';
import { loadSpec } from '../ir/serialize.js';
import { emitClient } from '../emit/client/index.js';
import { emitCli } from '../emit/cli/index.js';
import { emitMcp } from '../emit/mcp/index.js';
import { emitChangelogs } from '../emit/release-files.js';
import { syncDirectory } from '../write.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { loadEmitMemo, saveEmitMemo } from '../build/emit-cache.js';
import { buildTarget, describeBuild } from './build.js';
import { GeneratorError } from '../errors.js';
import { generatedRoot, selectedTargets } from './targets.js';

/** All generated files of one target, relative to generated/<target>/. */
export function emitAll(spec: NormalizedSpec, memo?: EmitMemo): Map<string, string> {
  return withEmitMemo(memo, () => emitEvery(spec));
}

function emitEvery(spec: NormalizedSpec): Map<string, string> {
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
  // Units whose inputs did not change since the last generate are reused (generator/emit/memo.ts).
  const outputs = targets.map((target) => {
    const memo = loadEmitMemo(join(generatedRoot, target));
    return { target, memo, files: emitAll(loadSpec(target), memo) };
  });
  for (const { target, files, memo } of outputs) {
    const { written, removed } = syncDirectory(join(generatedRoot, target), files);
    saveEmitMemo(join(generatedRoot, target), memo);
    console.log(`generated/${target}: ${files.size} files (${written.length} written, ${removed.length} removed)`);
  }
  for (const { target } of outputs) {
    const root = join(generatedRoot, target);
    console.log(describeBuild(root, await buildTarget(root)));
  }
}
