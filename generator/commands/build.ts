/**
 * `build [--target <name>]`: compile each generated package in place, the
 * selected target only (all committed targets without --target). The three
 * build side by side; only the CLI's and MCP server's client bundles wait for
 * the client, being made from its built `dist/`. Every step is incremental (see
 * generator/build/cache.ts), so a build after a small change redoes only the
 * files and bundles that it affects.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildClient, type ClientBuildResult } from '../build/client.js';
import { buildCli } from '../build/cli.js';
import { buildMcp } from '../build/mcp.js';
import type { AssembleResult } from '../build/parts.js';
import { generatedRoot, rejectUnknownArgs, repoRoot, selectedTargets } from './targets.js';

function describeBin(result: AssembleResult): string {
  if (!result.written) return 'up to date';
  const names = (parts: string[]) => parts.map((p) => p.split(':')[1]).join(', ');
  const done = [result.built.length ? `rebuilt ${names(result.built)}` : '', result.shared.length ? `shared ${names(result.shared)}` : ''].filter(Boolean);
  return done.length ? done.join(', ') : 'reassembled';
}

export interface TargetBuild {
  client?: ClientBuildResult;
  cli?: AssembleResult;
  mcp?: AssembleResult;
  ms: number;
}

/**
 * Build the packages of generated/<target>/ that exist. `written` (generate's
 * files, by path relative to `root`, as just written there) spares reading
 * the client's sources and the CLI's and MCP server's tables back.
 */
export async function buildTarget(root: string, written?: ReadonlyMap<string, string>): Promise<TargetBuild> {
  const started = performance.now();
  const has = (name: string) => existsSync(join(root, name, 'package.json'));
  // The CLI's and MCP server's own bundles build alongside the client; their client parts wait only
  // for its ES modules (so they bundle while the client's CommonJS bundle does), or its failure.
  let modulesWritten: () => void = () => undefined;
  const modules = new Promise<void>((resolve) => (modulesWritten = resolve));
  const clientBuilt = has('client') ? buildClient(join(root, 'client'), modulesWritten, written && prefixed(written, 'client/')) : Promise.resolve(undefined);
  const clientModules = Promise.race([modules, clientBuilt]);
  // A failed client build is reported through clientBuilt; this copy of it must not count as unhandled.
  clientModules.catch(() => undefined);
  const [client, cli, mcp] = await Promise.all([
    clientBuilt,
    has('cli') ? buildCli(join(root, 'cli'), clientModules, written && prefixed(written, 'cli/')) : undefined,
    has('mcp') ? buildMcp(join(root, 'mcp'), clientModules, written && prefixed(written, 'mcp/')) : undefined,
  ]);
  return { client, cli, mcp, ms: performance.now() - started };
}

/** The entries of `files` under `prefix`, keyed by their path below it. */
function prefixed(files: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of files) if (path.startsWith(prefix)) out.set(path.slice(prefix.length), text);
  return out;
}

/** One line saying what a build did. */
export function describeBuild(root: string, build: TargetBuild): string {
  const done: string[] = [];
  const ahead = build.client?.compiledAhead ? ` (${build.client.compiledAhead} while emitting)` : '';
  if (build.client) done.push(`client ${build.client.compiled ? `${build.client.compiled} of ${build.client.sources} files compiled${ahead}` : 'up to date'}`);
  if (build.client?.fallbackReason) done.push(`declarations from a full tsc program, slow: ${build.client.fallbackReason} (an isolated-declarations problem in the generator or runtime)`);
  if (build.cli) done.push(`cli ${describeBin(build.cli)}`);
  if (build.mcp) done.push(`mcp ${describeBin(build.mcp)}`);
  return `built ${relative(repoRoot, root) || root} in ${Math.round(build.ms)} ms (${done.join('; ')})`;
}

export async function runBuild(argv: string[]): Promise<void> {
  rejectUnknownArgs('build', argv, ['target']);
  for (const target of selectedTargets(argv)) {
    const root = join(generatedRoot, target);
    console.log(describeBuild(root, await buildTarget(root)));
  }
}
