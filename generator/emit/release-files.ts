/**
 * What the emitters take from the release state (spec.release, read from
 * spec/<target>/release/ by loadSpec): each package's version, the exact
 * client version the CLI and MCP bundles are built from, and the CHANGELOG.md
 * of each package. A target that was never released is at 0.1.0 with no changelog.
 */
import type { NormalizedSpec } from '../ir/types.js';
import { GENERATED_NOTICE } from './header.js';

export type ReleasedPackage = 'client' | 'cli' | 'mcp';

export const UNRELEASED_VERSION = '0.1.0';

export function packageVersion(spec: NormalizedSpec, pkg: ReleasedPackage): string {
  return spec.release?.versions[pkg] ?? UNRELEASED_VERSION;
}

/**
 * The CLI and MCP packages bundle the client (no runtime dependency), so the
 * client is a build-time input: a devDependency pinned to the exact version
 * whose source is inside the bin, as bundling packages record it.
 */
export function bundledClientDevDependency(spec: NormalizedSpec): Record<string, string> {
  return { [spec.packages.client]: packageVersion(spec, 'client') };
}

/** package.json fields from the target config: `license`, and `repository` with the package's folder. */
export function publishMetadata(spec: NormalizedSpec, pkg: ReleasedPackage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.packages.license) out.license = spec.packages.license;
  if (spec.packages.repository) out.repository = { type: 'git', url: spec.packages.repository, directory: `generated/${spec.target}/${pkg}` };
  return out;
}

const PREAMBLE = [
  'All notable changes to this package are listed here, newest first. Each entry is written once by',
  '`npm run release` from the change report: every line names what users type (a method, a command and',
  'flag, or a tool and argument) and the JSON pointer of the element in the OpenAPI document.',
  '',
  'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and this package adheres',
  'to [Semantic Versioning](https://semver.org/spec/v2.0.0.html) (below 1.0.0, a breaking change bumps the minor version).',
];

/** CHANGELOG.md for each package that has entries (paths relative to generated/<target>/). */
export function emitChangelogs(spec: NormalizedSpec): Map<string, string> {
  const files = new Map<string, string>();
  for (const pkg of ['client', 'cli', 'mcp'] as const) {
    const entries = spec.release?.changelogs[pkg];
    if (!entries) continue;
    const notice = `<!-- ${GENERATED_NOTICE} Source: spec/${spec.target}/release/${pkg}.changelog.md -->`;
    files.set(`${pkg}/CHANGELOG.md`, [notice, '', '# Changelog', '', ...PREAMBLE, '', entries.trim(), ''].join('\n'));
  }
  return files;
}
