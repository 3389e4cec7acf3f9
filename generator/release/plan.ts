/**
 * What a release does to each package, decided from the change report
 * (released baseline × current spec) and the code fingerprints:
 *
 * - the bump the report suggests (breaking → major, or minor below 1.0;
 *   non-breaking → minor, or patch below 1.0; docs-only → patch);
 * - the CLI and MCP bundles embed the client: when the client's version moves,
 *   each moves at least a patch, so their exact pin on it stays true;
 * - the generator changed a package's code with no surface change (a runtime
 *   fix, say): a patch, since npm never takes the same version twice.
 */
import { createHash } from 'node:crypto';
import type { NormalizedSpec } from '../ir/types.js';
import { applyBump } from '../diff/semver.js';
import { PACKAGES, type Bump, type ChangeReport, type PackageId } from '../diff/model.js';
import { emitAll } from '../commands/generate.js';
import { changelogLines, type ChangelogLine } from './changelog.js';
import { code } from '../diff/render.js';

/** sha256 of each package's emitted files, emitted without release data (so versions and changelogs do not count). */
export function fingerprints(spec: NormalizedSpec): Record<PackageId, string> {
  const hashes = Object.fromEntries(PACKAGES.map((pkg) => [pkg, createHash('sha256')])) as Record<PackageId, ReturnType<typeof createHash>>;
  const { release: _release, ...unreleased } = spec;
  for (const [path, contents] of emitAll(unreleased)) {
    const pkg = path.slice(0, path.indexOf('/')) as PackageId;
    hashes[pkg]?.update(`${path}\0${contents}\0`);
  }
  return Object.fromEntries(PACKAGES.map((pkg) => [pkg, `sha256-${hashes[pkg].digest('base64')}`])) as Record<PackageId, string>;
}

export interface PackagePlan {
  name: string;
  from: string;
  to: string;
  bump: Bump;
  lines: ChangelogLine[];
}

const ORDER: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

function atLeast(a: Bump, b: Bump): Bump {
  return ORDER[a] >= ORDER[b] ? a : b;
}

export interface PlanInput {
  report: ChangeReport;
  current: NormalizedSpec;
  baseline: NormalizedSpec;
  versions: Record<PackageId, string>;
  /** Fingerprints recorded at the last release and now. */
  released: Record<PackageId, string>;
  now: Record<PackageId, string>;
}

export function planRelease(input: PlanInput): Record<PackageId, PackagePlan> {
  const { report, versions } = input;
  const specs = [input.current, input.baseline];
  const plan = {} as Record<PackageId, PackagePlan>;
  for (const pkg of PACKAGES) {
    const lines = changelogLines(report, pkg, specs);
    let bump = report.packages[pkg].bump;
    if (input.released[pkg] !== input.now[pkg] && bump === 'none') {
      bump = 'patch';
      lines.push({ section: 'Changed', markdown: 'Regenerated with an updated generator: the code changed, the API surface did not.' });
    }
    plan[pkg] = { name: input.current.packages[pkg], from: versions[pkg], to: versions[pkg], bump, lines };
  }
  const client = plan.client;
  client.to = applyBump(client.from, client.bump);
  for (const pkg of ['cli', 'mcp'] as const) {
    const p = plan[pkg];
    if (client.bump !== 'none') {
      p.bump = atLeast(p.bump, 'patch');
      p.lines.push({ section: 'Changed', markdown: `Bundles ${code(client.name)} ${client.to} (pinned exactly as a devDependency).` });
    }
    p.to = applyBump(p.from, p.bump);
  }
  return plan;
}

export function hasRelease(plan: Record<PackageId, PackagePlan>): boolean {
  return PACKAGES.some((pkg) => plan[pkg].bump !== 'none');
}
