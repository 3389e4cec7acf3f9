/**
 * `check`: regenerate in memory and fail (exit 1) with a readable diff when
 * the committed spec/ or generated/ differ from what the generator produces.
 * With `--from <doc>` the normalized spec is re-imported first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { loadSpec, serializeSpec, specPath } from '../ir/serialize.js';
import { importDocument } from './import.js';
import { emitAll } from './generate.js';
import { readEmittedTree } from '../write.js';
import { typecheckClient } from '../build/typescript.js';
import type { TypecheckReply } from './typecheck-worker.js';
import { startWorker, workerEntry } from './workers.js';
import { apiReportPath, committedApiReport, expectedApiReport, expectsApiReport } from './api-report.js';
import { flagValue, generatedRoot, rejectUnknownArgs, repoRoot, selectedTargets } from './targets.js';

export interface Drift {
  path: string;
  kind: 'changed' | 'missing' | 'extra';
  patch: string;
}

/** Lines of edit distance beyond which a patch stops being readable (and slow to compute). */
const MAX_PATCH_EDITS = 2000;

/** A unified diff, or a one-line summary when the file was rewritten wholesale (e.g. reformatted). */
function readablePatch(shown: string, have: string, want: string): string {
  const patch = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, have, want, 'committed', 'regenerated', { maxEditLength: MAX_PATCH_EDITS });
  if (patch !== undefined) return patch;
  const lines = (text: string) => text.split('\n').length;
  return `changed: ${shown} (${lines(have)} committed lines vs ${lines(want)} regenerated; more than ${MAX_PATCH_EDITS} lines differ)\n`;
}

/** Compare expected files (relative to `root`) with what is on disk. */
export function compareTree(root: string, expected: Map<string, string>, actual: Map<string, string>): Drift[] {
  const drifts: Drift[] = [];
  for (const [path, want] of expected) {
    const have = actual.get(path);
    const shown = join(root, path);
    if (have === undefined) drifts.push({ path: shown, kind: 'missing', patch: `missing: ${shown}\n` });
    else if (have !== want) {
      drifts.push({ path: shown, kind: 'changed', patch: readablePatch(shown, have, want) });
    }
  }
  for (const path of actual.keys()) {
    if (!expected.has(path)) drifts.push({ path: join(root, path), kind: 'extra', patch: `not produced by the generator: ${join(root, path)}\n` });
  }
  return drifts;
}

/** All drift for the selected targets; empty when everything is up to date. */
export async function findDrift(argv: string[]): Promise<Drift[]> {
  const from = flagValue(argv, 'from');
  const drifts: Drift[] = [];
  for (const target of selectedTargets(argv)) {
    let spec = loadSpec(target);
    // The committed spec must be in canonical form, so its diffs stay reviewable.
    const specFile = specPath(target);
    drifts.push(...compareTree('.', new Map([[relative(repoRoot, specFile), serializeSpec(spec)]]), new Map([[relative(repoRoot, specFile), readFileSync(specFile, 'utf8')]])));
    if (from) {
      const imported = await importDocument({ from: resolve(from), target });
      // Versions and changelogs come from the committed release state, not the document.
      spec = spec.release ? { ...imported.spec, release: spec.release } : imported.spec;
      // Only the files the import writes are compared, so nothing else under spec/ counts as extra.
      const onDisk = new Map<string, string>();
      for (const path of imported.files.keys()) {
        const full = join(repoRoot, path);
        if (existsSync(full)) onDisk.set(path, readFileSync(full, 'utf8'));
      }
      drifts.push(...compareTree('.', imported.files, onDisk));
    }
    const root = join('generated', target);
    const emitted = emitAll(spec);
    drifts.push(...compareTree(root, emitted, readEmittedTree(join(generatedRoot, target))));
    // The API report is read from declarations built from the emitted client (thorough, so here and not in generate).
    if (expectsApiReport(spec)) {
      const path = apiReportPath(spec);
      const committed = committedApiReport(spec);
      drifts.push(...compareTree('.', new Map([[path, await expectedApiReport(spec, emitted)]]), committed === undefined ? new Map() : new Map([[path, committed]])));
    }
  }
  return drifts;
}

/**
 * The full strict type-check of each selected target's generated client (the
 * package that ships declarations); the build itself only transpiles.
 */
interface Typecheck {
  target: string;
  diagnostics(): Promise<string[]>;
  stop(): void;
}

/**
 * Start each client's type-check: on worker threads when the bundle has them
 * (the targets side by side, and beside the drift check, which reads the same
 * committed files), else in this thread, only when asked for.
 */
function startTypechecks(argv: string[]): Typecheck[] {
  const file = workerEntry('typecheck-worker');
  const checks: Typecheck[] = [];
  for (const target of selectedTargets(argv)) {
    const pkgDir = join(generatedRoot, target, 'client');
    if (!existsSync(join(pkgDir, 'tsconfig.json'))) continue;
    if (!file) {
      checks.push({ target, diagnostics: async () => typecheckClient(pkgDir), stop: () => undefined });
      continue;
    }
    const worker = startWorker<TypecheckReply>(file, { pkgDir }, `type-checking ${target}`);
    const diagnostics = worker.done.then((reply) => {
      if ('error' in reply) throw new Error(`type-checking generated/${target}/client failed:\n${reply.error}`);
      return reply.diagnostics;
    });
    diagnostics.catch(() => undefined);
    checks.push({ target, diagnostics: () => diagnostics, stop: worker.stop });
  }
  return checks;
}

/**
 * The full strict type-check of each selected target's generated client (the
 * package that ships declarations); the build itself only transpiles.
 */
async function reportTypechecks(checks: Typecheck[]): Promise<boolean> {
  let clean = true;
  for (const check of checks) {
    const { target } = check;
    const diagnostics = await check.diagnostics();
    if (diagnostics.length === 0) {
      console.log(`check: generated/${target}/client type-checks (tsc --strict).`);
      continue;
    }
    clean = false;
    process.stdout.write(diagnostics.slice(0, 20).join(''));
    console.error(`check: generated/${target}/client does not type-check (${diagnostics.length} diagnostics); this is a generator bug, please report it.`);
  }
  return clean;
}

export async function runCheck(argv: string[]): Promise<void> {
  rejectUnknownArgs('check', argv, ['target', 'from']);
  // The type-checks read the committed clients; they start now and count only when nothing drifted.
  const typechecks = startTypechecks(argv);
  let drifts: Drift[];
  try {
    drifts = await findDrift(argv);
  } catch (error) {
    for (const check of typechecks) check.stop();
    throw error;
  }
  if (drifts.length === 0) {
    console.log('check: spec/ and generated/ are up to date.');
    if (!(await reportTypechecks(typechecks))) process.exitCode = 1;
    return;
  }
  for (const check of typechecks) check.stop();
  const shown = drifts.slice(0, 20);
  for (const drift of shown) process.stdout.write(drift.patch.length > 4000 ? drift.patch.slice(0, 4000) + '\n…(diff truncated)\n' : drift.patch);
  if (drifts.length > shown.length) console.log(`… and ${drifts.length - shown.length} more files`);
  console.error(
    `check: ${drifts.length} file(s) differ from what the generator produces (${drifts.filter((d) => d.kind === 'changed').length} changed, ` +
      `${drifts.filter((d) => d.kind === 'missing').length} missing, ${drifts.filter((d) => d.kind === 'extra').length} extra).\n` +
      'Run `npm run generate` (and `npm run import -- --from <doc>` if the spec changed; `npm run release` after a spec change, or `npm run api-report` for the API report alone), review, and commit.',
  );
  process.exitCode = 1;
}
