/**
 * `api-report [--target X]`: write each client's API report,
 * `spec/<target>/<client package>.api.md`, from the built declarations
 * (`generated/<target>/client/dist`, built first when missing). `release`
 * runs it; `check` rebuilds the declarations in a scratch folder and fails
 * when the committed report differs. Kept off `generate`'s path: it needs a
 * build and a declaration walk (about a second).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClient } from '../build/client.js';
import { loadSpec } from '../ir/serialize.js';
import type { NormalizedSpec } from '../ir/types.js';
import { apiReportFileName, readApiModel, renderApiReport } from '../api-report/report.js';
import { replaceDirectory, writeFilesAtomically } from '../write.js';
import { readReleaseFile } from '../release/state.js';
import { generatedRoot, rejectUnknownArgs, repoRoot, selectedTargets } from './targets.js';

/** Repo-relative path of a target's API report. */
export function apiReportPath(spec: NormalizedSpec): string {
  return `spec/${spec.target}/${apiReportFileName(spec.packages.client)}`;
}

/** The report text for a built client package folder. */
export function apiReportFor(spec: NormalizedSpec, clientDir: string): string {
  return renderApiReport(readApiModel(spec.packages.client, join(clientDir, 'dist')));
}

export async function writeApiReports(targets: string[]): Promise<void> {
  for (const target of targets) {
    const spec = loadSpec(target);
    const clientDir = join(generatedRoot, target, 'client');
    if (!existsSync(join(clientDir, 'dist', 'index.d.ts'))) await buildClient(clientDir);
    const path = apiReportPath(spec);
    writeFilesAtomically(repoRoot, new Map([[path, apiReportFor(spec, clientDir)]]));
    console.log(`api-report: ${path}`);
  }
}

/** A target is held to an API report once it has one, or once it was released. */
export function expectsApiReport(spec: NormalizedSpec): boolean {
  return existsSync(join(repoRoot, apiReportPath(spec))) || readReleaseFile(spec.target, repoRoot) !== undefined;
}

/**
 * The report the emitted client files would give: they are written to a
 * scratch folder and built there exactly as `build` does, then read.
 */
export async function expectedApiReport(spec: NormalizedSpec, emitted: Map<string, string>): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'trigen-api-report-'));
  try {
    const client = new Map([...emitted].filter(([path]) => path.startsWith('client/')).map(([path, text]) => [path.slice('client/'.length), text]));
    const dir = join(scratch, 'client');
    replaceDirectory(dir, client);
    await buildClient(dir);
    return apiReportFor(spec, dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The committed report's text, or undefined. */
export function committedApiReport(spec: NormalizedSpec): string | undefined {
  const file = join(repoRoot, apiReportPath(spec));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export async function runApiReport(argv: string[]): Promise<void> {
  rejectUnknownArgs('api-report', argv, ['target']);
  await writeApiReports(selectedTargets(argv));
}
