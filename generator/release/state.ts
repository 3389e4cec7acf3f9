/**
 * The committed release state of one target, in `spec/<target>/release/`:
 *
 * - `state.json`: each package's version and the fingerprint of the code it was released with;
 * - `spec.json`: the normalized spec as last released (the baseline `release` diffs against;
 *   right after a release it is byte-identical to ../spec.json, so git stores it once);
 * - `<pkg>.changelog.md`: Keep a Changelog entries, newest first, dates included.
 *
 * Only `npm run release` writes these files; `generate` reads versions and changelogs
 * from them (through `loadSpec`), so generated output stays a pure function of spec/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors.js';
import type { ReleaseState } from '../ir/types.js';
import { PACKAGES as RELEASE_PACKAGES, type PackageId } from '../diff/model.js';

export { RELEASE_PACKAGES, type PackageId };

/** Version of a package that was never released. */
export const INITIAL_VERSION = '0.1.0';

export interface PackageRelease {
  /** npm name at the time of the release. */
  name: string;
  version: string;
  /** sha256 over the package's emitted files (versions and changelog left out): changes when the generator changes the code. */
  fingerprint: string;
}

export interface ReleaseFile {
  packages: Record<PackageId, PackageRelease>;
  /** The document the released spec was imported from, and the day of the release (written once). */
  released: { sourceFile: string; apiVersion: string; date: string };
}

export function releaseDir(target: string, root: string): string {
  return join(root, 'spec', target, 'release');
}

/** Repo-relative paths of the release files, for writers and messages. */
export function releasePaths(target: string) {
  const dir = `spec/${target}/release`;
  return {
    dir,
    state: `${dir}/state.json`,
    baseline: `${dir}/spec.json`,
    changelog: (pkg: PackageId) => `${dir}/${pkg}.changelog.md`,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GeneratorError(`The release state is not valid JSON: ${(error as Error).message}`, { file }, 'Restore it from git; only `npm run release` writes it.');
  }
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** state.json, checked; undefined when the target was never released. */
export function readReleaseFile(target: string, root: string): ReleaseFile | undefined {
  const file = join(root, releasePaths(target).state);
  if (!existsSync(file)) return undefined;
  const raw = readJson(file) as Partial<ReleaseFile>;
  for (const pkg of RELEASE_PACKAGES) {
    const entry = raw.packages?.[pkg];
    if (!entry || typeof entry.version !== 'string' || !SEMVER.test(entry.version)) {
      throw new GeneratorError(`The release state has no valid version for the ${pkg} package.`, { file, pointer: `/packages/${pkg}/version` }, 'Restore it from git; only `npm run release` writes it.');
    }
  }
  return raw as ReleaseFile;
}

/** Versions and changelogs as the emitters need them; undefined when the target was never released. */
export function readReleaseState(target: string, root: string): ReleaseState | undefined {
  const file = readReleaseFile(target, root);
  if (!file) return undefined;
  const changelogs: ReleaseState['changelogs'] = {};
  for (const pkg of RELEASE_PACKAGES) {
    const path = join(root, releasePaths(target).changelog(pkg));
    if (existsSync(path)) changelogs[pkg] = readFileSync(path, 'utf8');
  }
  return {
    versions: { client: file.packages.client.version, cli: file.packages.cli.version, mcp: file.packages.mcp.version },
    changelogs,
  };
}
