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
import { emitGroup, GROUP_NAMES, mergeEmitted } from '../emit/groups.js';
import { syncDirectory } from '../write.js';
import { withEmitMemo, type EmitMemo } from '../emit/memo.js';
import { buildTarget, describeBuild } from './build.js';
import { emitTarget } from './emit-threads.js';
import { takeAhead } from '../daemon/ahead.js';
import { GeneratorError } from '../errors.js';
import { generatedRoot, rejectUnknownArgs, selectedTargets } from './targets.js';

/** All generated files of one target, relative to generated/<target>/, sorted by path (one thread). */
export function emitAll(spec: NormalizedSpec, memo?: EmitMemo): Map<string, string> {
  return withEmitMemo(memo, () => mergeEmitted(GROUP_NAMES.map((group) => emitGroup(spec, group))));
}

export async function runGenerate(argv: string[]): Promise<void> {
  rejectUnknownArgs('generate', argv, ['target']);
  const targets = selectedTargets(argv);
  if (targets.length === 0) {
    throw new GeneratorError('no normalized spec found under spec/', {}, 'run `npm run import -- --from <openapi doc>` first');
  }
  // Emit every target before writing any, so one bad target writes nothing.
  // Units whose inputs did not change since the last generate are reused (generator/emit/memo.ts).
  // The client and the CLI/MCP tables emit on two threads when there are two cores (emit-threads.ts).
  const outputs = [];
  // In the daemon, the emission it did after the import is taken when spec/<target>/ is unchanged since.
  for (const target of targets) outputs.push({ target, ...((await takeAhead(target)) ?? (await emitTarget(target, join(generatedRoot, target)))) });
  for (const { target, files, threads } of outputs) {
    const { written, removed } = syncDirectory(join(generatedRoot, target), files);
    console.log(`generated/${target}: ${files.size} files (${written.length} written, ${removed.length} removed; emitted on ${threads} thread${threads === 1 ? '' : 's'})`);
  }
  // The memos are kept while the builds run: their records are made while the builds wait on esbuild.
  const memosSaved = Promise.all(outputs.map(({ saveMemos }) => saveMemos()));
  memosSaved.catch(() => undefined);
  for (const { target, files } of outputs) {
    const root = join(generatedRoot, target);
    console.log(describeBuild(root, await buildTarget(root, files)));
  }
  await memosSaved;
}
