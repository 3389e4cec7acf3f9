/**
 * `diff <old doc> <new doc> [--json] [--target openai-admin]`: import both
 * documents with the committed config (the new one locked to the old one's
 * names, as a maintainer's re-import would be), then report what changed on
 * the client, CLI and MCP surfaces and how breaking it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GeneratorError } from '../errors.js';
import type { NormalizedSpec } from '../ir/types.js';
import { diffSpecs, type SurfaceTables } from '../diff/index.js';
import { PACKAGES, type ChangeReport, type PackageId } from '../diff/model.js';
import { renderMarkdown } from '../diff/render.js';
import { emitterTable } from '../diff/tables.js';
import { importDocument } from './import.js';
import { flagValue, generatedRoot, repoRoot } from './targets.js';
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
  const target = options.target ?? 'openai-admin';
  const where = (doc: string) => (/^https?:\/\//.test(doc) ? doc : resolve(doc));
  const before = await importDocument({ from: where(oldDoc), target, scope: options.scope });
  const after = await importDocument({ from: where(newDoc), target, scope: options.scope, previous: before.spec });
  return diffImportedSpecs(before.spec, after.spec, { ...options, target });
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

const VALUE_FLAGS = new Set(['--target', '--scope']);

export async function runDiff(argv: string[]): Promise<void> {
  const docs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_FLAGS.has(arg)) i++;
    else if (!arg.startsWith('--')) docs.push(arg);
    else if (arg !== '--json' && arg !== '--fail-on-breaking' && !arg.includes('=')) {
      throw new GeneratorError(`unknown option ${arg}`, {}, 'usage: npm run diff -- <old doc> <new doc> [--json] [--fail-on-breaking] [--target openai-admin]');
    }
  }
  if (docs.length !== 2) {
    throw new GeneratorError(`diff needs two documents, got ${docs.length}`, {}, 'usage: npm run diff -- <old doc> <new doc> [--json] [--fail-on-breaking] [--target openai-admin]');
  }
  for (const doc of docs) {
    if (!/^https?:\/\//.test(doc) && !existsSync(doc)) throw new GeneratorError(`no such document: ${doc}`, { file: doc });
  }
  const report = await diffDocuments(docs[0]!, docs[1]!, { target: flagValue(argv, 'target') ?? 'openai-admin', scope: scopeFlag(argv) });
  process.stdout.write(argv.includes('--json') ? JSON.stringify(report, null, 2) + '\n' : renderMarkdown(report));
  // For CI gates: the report is still printed in full, the exit code says whether to stop.
  if (argv.includes('--fail-on-breaking') && report.counts.breaking > 0) process.exitCode = 3;
}
