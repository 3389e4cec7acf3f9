/**
 * `diff <old doc> <new doc> [--json] [--target <name>]`: import both
 * documents with the committed config (the new one locked to the old one's
 * names, as a maintainer's re-import would be), then report what changed on
 * the client, CLI and MCP surfaces and how breaking it is. Without
 * `--target`, the target made from the new document (default-targets.ts).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { GeneratorError } from '../errors.js';
import type { NormalizedSpec } from '../ir/types.js';
import { diffSpecs, type SurfaceTables } from '../diff/index.js';
import { PACKAGES, type ChangeReport, type PackageId } from '../diff/model.js';
import { renderReports } from '../diff/render.js';
import { loadSpecJson, parseSpec } from '../ir/serialize.js';
import { INITIAL_VERSION } from '../release/state.js';
import { emitterTable } from '../diff/tables.js';
import { importDocument } from './import.js';
import { defaultTargets } from './default-targets.js';
import { loadDocument, type LoadedDocument } from '../load/load.js';
import { flagValue, generatedRoot, repoRoot, selectedTargets } from './targets.js';
import { readReleaseState } from '../release/state.js';

export { renderMarkdown } from '../diff/render.js';

export interface DiffDocumentsOptions {
  target?: string;
  scope?: 'config' | 'all';
  /** Use the emitters' CLI/MCP tables when available (default true); false derives them from the IR. */
  useEmitters?: boolean;
  /** Versions to bump from; default: the committed generated packages' versions. */
  currentVersions?: Partial<Record<PackageId, string>>;
}

/** Versions as last released (spec/<target>/release/), else those of the committed generated packages, when present. */
export function committedVersions(target: string): Partial<Record<PackageId, string>> {
  const released = readReleaseState(target, repoRoot);
  if (released) return { ...released.versions };
  const out: Partial<Record<PackageId, string>> = {};
  for (const pkg of PACKAGES) {
    const file = join(generatedRoot, target, pkg, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
      if (typeof version === 'string') out[pkg] = version;
    } catch {
      // An unreadable package.json only loses the version column.
    }
  }
  return out;
}

/** Both surfaces' tables from the real emitters, or none for a surface whose emitter is unavailable. */
export async function emitterTables(oldSpec: NormalizedSpec, newSpec: NormalizedSpec): Promise<SurfaceTables> {
  const tables: SurfaceTables = {};
  for (const kind of ['cli', 'mcp'] as const) {
    const [before, after] = [await emitterTable(kind, oldSpec), await emitterTable(kind, newSpec)];
    if (before && after) tables[kind] = { old: before, new: after };
  }
  return tables;
}

/** Pure apart from reading the two documents and the committed config: imports, compares, returns the report. */
export async function diffDocuments(oldDoc: string, newDoc: string, options: DiffDocumentsOptions = {}): Promise<ChangeReport> {
  const where = (doc: string) => (/^https?:\/\//.test(doc) ? doc : resolve(doc));
  const { target, loaded } = options.target ? { target: options.target, loaded: undefined } : await targetOf(where(newDoc));
  const before = await importDocument({ from: where(oldDoc), target, scope: options.scope });
  const after = await importDocument({ from: where(newDoc), target, scope: options.scope, previous: before.spec, loaded });
  return diffImportedSpecs(before.spec, after.spec, { ...options, target });
}

/** Without --target: the one target made from the document (or the new one it would get); several must be chosen from. */
async function targetOf(doc: string): Promise<{ target: string; loaded: LoadedDocument }> {
  const loaded = await loadDocument(doc);
  const { targets } = defaultTargets(repoRoot, loaded.doc, loaded.source);
  if (targets.length > 1) {
    throw new GeneratorError(
      `No --target, and ${targets.length} targets were made from this document (${targets.map((t) => `\`${t.target}\``).join(', ')}).`,
      { file: doc },
      'Pass --target <name>: its config and names are the ones compared.',
    );
  }
  return { target: targets[0]!.target, loaded };
}

/** The comparison half of `diffDocuments`, for callers that already hold both specs. */
export async function diffImportedSpecs(oldSpec: NormalizedSpec, newSpec: NormalizedSpec, options: DiffDocumentsOptions = {}): Promise<ChangeReport> {
  const tables = options.useEmitters === false ? {} : await emitterTables(oldSpec, newSpec);
  return diffSpecs(oldSpec, newSpec, { tables, currentVersions: options.currentVersions ?? committedVersions(options.target ?? newSpec.target) });
}

function scopeFlag(argv: string[]): 'config' | 'all' | undefined {
  const scope = flagValue(argv, 'scope');
  if (scope === undefined || scope === 'config' || scope === 'all') return scope;
  throw new GeneratorError(`--scope must be \`all\` or \`config\`, not \`${scope}\``);
}

const VALUE_FLAGS = new Set(['--target', '--scope', '--base', '--summary-file']);
const DIFF_USAGE =
  'usage: npm run diff -- <old doc> <new doc> [--json] [--fail-on-breaking] [--target <name>] [--summary-file PATH]\n' +
  '       npm run diff -- --base <git ref> [--target <name>] [--json] [--fail-on-breaking] [--summary-file PATH]';

function gitShow(ref: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${ref}:${path}`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
}

/**
 * Each committed target's normalized spec at `ref` (e.g. the pull request's
 * base) against the working tree's, bumps counted from the versions released
 * at `ref`. A target new since `ref` is compared with an empty API.
 */
export async function diffAgainstRef(ref: string, targets: string[]): Promise<ChangeReport[]> {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repoRoot, stdio: 'ignore' });
  } catch {
    throw new GeneratorError(`unknown git ref \`${ref}\``, {}, 'fetch it first, e.g. `git fetch origin main` (CI: actions/checkout with fetch-depth: 0)');
  }
  const reports: ChangeReport[] = [];
  for (const target of targets) {
    const now = loadSpecJson(target);
    const text = gitShow(ref, `spec/${target}/spec.json`);
    const before: NormalizedSpec = text
      ? parseSpec(text, `${ref}:spec/${target}/spec.json`)
      : { ...now, info: { ...now.info, sourceFile: '(none)' }, resources: [], operations: [], types: {} };
    const state = gitShow(ref, `spec/${target}/release/state.json`);
    const released = state ? (JSON.parse(state) as { packages?: Partial<Record<PackageId, { version?: string }>> }).packages : undefined;
    const currentVersions = Object.fromEntries(PACKAGES.map((pkg) => [pkg, released?.[pkg]?.version ?? INITIAL_VERSION])) as Record<PackageId, string>;
    reports.push(await diffImportedSpecs(before, now, { target, currentVersions }));
  }
  return reports;
}

export async function runDiff(argv: string[]): Promise<void> {
  const docs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_FLAGS.has(arg)) i++;
    else if (!arg.startsWith('--')) docs.push(arg);
    else if (arg !== '--json' && arg !== '--fail-on-breaking' && !arg.includes('=')) {
      throw new GeneratorError(`unknown option ${arg}`, {}, DIFF_USAGE);
    }
  }
  const base = flagValue(argv, 'base');
  let reports: ChangeReport[];
  if (base !== undefined) {
    if (docs.length > 0) throw new GeneratorError('diff takes either two documents or --base <git ref>, not both', {}, DIFF_USAGE);
    reports = await diffAgainstRef(base, selectedTargets(argv));
  } else {
    if (docs.length !== 2) throw new GeneratorError(`diff needs two documents, got ${docs.length}`, {}, DIFF_USAGE);
    for (const doc of docs) {
      if (!/^https?:\/\//.test(doc) && !existsSync(doc)) throw new GeneratorError(`no such document: ${doc}`, { file: doc });
    }
    reports = [await diffDocuments(docs[0]!, docs[1]!, { target: flagValue(argv, 'target'), scope: scopeFlag(argv) })];
  }
  const markdown = renderReports(reports);
  const json = base !== undefined ? reports : reports[0];
  process.stdout.write(argv.includes('--json') ? JSON.stringify(json, null, 2) + '\n' : markdown);
  // CI passes $GITHUB_STEP_SUMMARY, which is appended to.
  const summaryFile = flagValue(argv, 'summary-file');
  if (summaryFile) appendFileSync(summaryFile, markdown + '\n');
  // For CI gates: the report is still printed in full, the exit code says whether to stop.
  if (argv.includes('--fail-on-breaking') && reports.some((r) => r.counts.breaking > 0)) process.exitCode = 3;
}
