/**
 * Suggested version bump per generated package, from the changes that affect it.
 * Standard semver: breaking → major, non-breaking → minor, docs-only → patch.
 * Below 1.0.0 (`0.x` rules) a breaking change is a minor, since a major would
 * declare the API stable; additions stay a minor and docs a patch.
 */
import { countChanges, PACKAGES, type Bump, type Change, type PackageBump, type PackageId } from './model.js';

export function suggestBump(changes: readonly Change[], pkg: PackageId, name: string, current?: string): PackageBump {
  const counts = countChanges(changes.filter((c) => c.affects.includes(pkg)));
  const zero = current !== undefined && /^0\./.test(current);
  let bump: Bump = 'none';
  if (counts.breaking > 0) bump = zero ? 'minor' : 'major';
  else if (counts.nonBreaking > 0) bump = 'minor';
  else if (counts.docsOnly > 0) bump = 'patch';
  return { name, current, rules: zero ? '0.x' : 'standard', bump, next: current ? applyBump(current, bump) : undefined, counts };
}

export function applyBump(version: string, bump: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || bump === 'none') return version;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

export function suggestBumps(
  changes: readonly Change[],
  names: Record<PackageId, string>,
  current: Partial<Record<PackageId, string>>,
): Record<PackageId, PackageBump> {
  const out = {} as Record<PackageId, PackageBump>;
  for (const pkg of PACKAGES) out[pkg] = suggestBump(changes, pkg, names[pkg], current[pkg]);
  return out;
}
