/**
 * `release [--target X] [--date YYYY-MM-DD] [--summary-file PATH]`: after an
 * `import`, compare the surfaces as last released (spec/<target>/release/spec.json)
 * with the surfaces now (spec/<target>/spec.json) using the `diff` engine, then
 * per package: bump the version, prepend a CHANGELOG entry, and record the new
 * baseline. The released targets are regenerated, built, and their API reports
 * rewritten. No surface change (and no code change): nothing is written.
 *
 * The first release of a target records the baseline at the packages' current
 * versions. Dates are written once, into the committed changelog data, so
 * `generate` and `check` stay pure functions of spec/.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors.js';
import { loadSpecJson, parseSpec, REPO_ROOT, stableStringify } from '../ir/serialize.js';
import type { NormalizedSpec } from '../ir/types.js';
import { PACKAGES, type ChangeReport, type PackageId } from '../diff/model.js';
import { code, renderMarkdown } from '../diff/render.js';
import { writeFilesAtomically } from '../write.js';
import { JSON_NOTICE_KEY } from '../emit/header.js';
import { prependEntry, renderEntry } from '../release/changelog.js';
import { fingerprints, hasRelease, planRelease, type PackagePlan } from '../release/plan.js';
import { INITIAL_VERSION, readReleaseFile, releasePaths, type ReleaseFile } from '../release/state.js';
import { committedVersions, diffImportedSpecs } from './diff.js';
import { flagValue, rejectUnknownArgs, selectedTargets } from './targets.js';

const USAGE = 'usage: npm run release -- [--target <name>] [--date YYYY-MM-DD] [--summary-file PATH]';

/** The release date: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today in UTC. */
export function releaseDate(argv: string[], env = process.env): string {
  const given = flagValue(argv, 'date');
  if (given !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(Date.parse(`${given}T00:00:00Z`))) {
      throw new GeneratorError(`--date must be a day written YYYY-MM-DD, not \`${given}\``, {}, USAGE);
    }
    return given;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  const when = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return when.toISOString().slice(0, 10);
}

export interface TargetRelease {
  target: string;
  /** Repo-relative path → contents; empty when there is nothing to release. */
  files: Map<string, string>;
  /** One line for the console. */
  message: string;
  report?: ChangeReport;
  plan?: Record<PackageId, PackagePlan>;
}

function stateFile(spec: NormalizedSpec, versions: Record<PackageId, string>, prints: Record<PackageId, string>, date: string): string {
  const packages = Object.fromEntries(PACKAGES.map((pkg) => [pkg, { name: spec.packages[pkg], version: versions[pkg], fingerprint: prints[pkg] }]));
  const state: ReleaseFile = { packages: packages as ReleaseFile['packages'], released: { sourceFile: spec.info.sourceFile, apiVersion: spec.info.version, date } };
  return stableStringify({ [JSON_NOTICE_KEY]: 'Written by `npm run release`. Do not edit by hand.', ...state });
}

function specText(target: string, root: string): string {
  return readFileSync(join(root, 'spec', target, 'spec.json'), 'utf8');
}

/** The first release: record the baseline and the current versions, with an entry that says what the package offers. */
function firstRelease(target: string, spec: NormalizedSpec, date: string, root: string): TargetRelease {
  const paths = releasePaths(target);
  const current = committedVersions(target);
  const versions = Object.fromEntries(PACKAGES.map((pkg) => [pkg, current[pkg] ?? INITIAL_VERSION])) as Record<PackageId, string>;
  const files = new Map<string, string>();
  files.set(paths.baseline, specText(target, root));
  files.set(paths.state, stateFile(spec, versions, fingerprints(spec), date));
  const count = spec.operations.length;
  const offers: Record<PackageId, string> = {
    client: `${count} methods under ${code(spec.packages.clientClass)}`,
    cli: `${count} commands of the ${code(spec.packages.cliBin)} bin`,
    mcp: `${count} tools of the ${code(spec.packages.mcpBin)} server`,
  };
  for (const pkg of PACKAGES) {
    const intro = `First release, from ${code(spec.info.sourceFile)} (API version ${spec.info.version}): ${offers[pkg]}.`;
    files.set(paths.changelog(pkg), prependEntry(undefined, renderEntry({ version: versions[pkg], date, intro, lines: [] })));
  }
  return { target, files, message: `release: ${target}: first release recorded at ${PACKAGES.map((p) => `${spec.packages[p]}@${versions[p]}`).join(', ')}.` };
}

/** The normalized spec as last released. */
function readBaseline(target: string, root: string): NormalizedSpec {
  const file = join(root, releasePaths(target).baseline);
  const hint = `restore it from git: it is the spec/${target}/spec.json of the last release commit`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GeneratorError(`The released baseline is missing although ${releasePaths(target).state} exists.`, { file }, hint);
  }
  try {
    return parseSpec(text, file);
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    throw new GeneratorError(`The released baseline cannot be read: ${error.message}`, { file }, `${hint}; after an IR version change, re-import the released document with this generator and write it there`);
  }
}

/** Everything one target's release writes, computed in memory. */
export async function planTarget(target: string, date: string, root = REPO_ROOT): Promise<TargetRelease> {
  const spec = loadSpecJson(target, root);
  const state = readReleaseFile(target, root);
  if (!state) return firstRelease(target, spec, date, root);
  const paths = releasePaths(target);
  const baseline = readBaseline(target, root);
  const versions = Object.fromEntries(PACKAGES.map((pkg) => [pkg, state.packages[pkg].version])) as Record<PackageId, string>;
  const report = await diffImportedSpecs(baseline, spec, { target, currentVersions: versions });
  const now = fingerprints(spec);
  const released = Object.fromEntries(PACKAGES.map((pkg) => [pkg, state.packages[pkg].fingerprint])) as Record<PackageId, string>;
  const plan = planRelease({ report, current: spec, baseline, versions, released, now });
  const since = `${code(baseline.info.sourceFile)} as released on ${state.released.date}`;
  if (!hasRelease(plan)) {
    const versionsText = PACKAGES.map((p) => `${spec.packages[p]}@${versions[p]}`).join(', ');
    return { target, files: new Map(), report, plan, message: `release: ${target}: no surface change since ${baseline.info.sourceFile} (released ${state.released.date}); nothing to release (${versionsText}).` };
  }
  const files = new Map<string, string>();
  const existing = (pkg: PackageId) => {
    try {
      return readFileSync(join(root, paths.changelog(pkg)), 'utf8');
    } catch {
      return undefined;
    }
  };
  for (const pkg of PACKAGES) {
    const p = plan[pkg];
    if (p.bump === 'none') continue;
    const intro = `From ${code(spec.info.sourceFile)} (API version ${spec.info.version}), compared with ${since}: ${p.bump} bump from ${p.from}.`;
    files.set(paths.changelog(pkg), prependEntry(existing(pkg), renderEntry({ version: p.to, date, intro, lines: p.lines })));
  }
  const next = Object.fromEntries(PACKAGES.map((pkg) => [pkg, plan[pkg].to])) as Record<PackageId, string>;
  files.set(paths.state, stateFile(spec, next, now, date));
  files.set(paths.baseline, specText(target, root));
  const moved = PACKAGES.filter((p) => plan[p].bump !== 'none').map((p) => `${plan[p].name} ${plan[p].from} → ${plan[p].to} (${plan[p].bump})`);
  return { target, files, report, plan, message: `release: ${target}: ${moved.join(', ')}.` };
}

export async function runRelease(argv: string[]): Promise<void> {
  rejectUnknownArgs('release', argv, ['target', 'date', 'summary-file']);
  const date = releaseDate(argv);
  const targets = selectedTargets(argv);
  if (targets.length === 0) throw new GeneratorError('no normalized spec found under spec/', {}, 'run `npm run import -- --from <openapi doc>` first');
  // Plan every target before writing any, so an error writes nothing.
  const releases: TargetRelease[] = [];
  for (const target of targets) releases.push(await planTarget(target, date));
  const summaryFile = flagValue(argv, 'summary-file');
  for (const release of releases) {
    if (release.files.size > 0) writeFilesAtomically(REPO_ROOT, release.files);
    console.log(release.message);
    // The change report the versions and changelogs come from, as `diff` prints it.
    const markdown = release.report && release.files.size > 0 ? renderMarkdown(release.report) : `${release.message}\n`;
    if (markdown !== `${release.message}\n`) process.stdout.write(`\n${markdown}\n`);
    if (summaryFile) appendFileSync(summaryFile, markdown + '\n');
  }
  const released = releases.filter((r) => r.files.size > 0).map((r) => r.target);
  if (released.length === 0) return;
  // Regenerate what changed, build it, and refresh the API reports read from the build.
  const { runGenerate } = await import('./generate.js');
  const { runBuild } = await import('./build.js');
  const { writeApiReports } = await import('./api-report.js');
  for (const target of released) {
    await runGenerate(['--target', target]);
    await runBuild(['--target', target]);
    await writeApiReports([target]);
  }
  console.log(`release: done. Review \`git diff\`, run \`npm test && npm run check\`, and commit; the release workflow publishes from main.`);
}
