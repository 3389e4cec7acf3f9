/**
 * `build [--target <name>]`: compile each generated package in place, the
 * selected target only (all committed targets without --target). The client
 * comes first: the CLI and MCP bundles are made from its built `dist/`; those
 * two then build side by side. Every step is incremental (see
 * generator/build/cache.ts), so a build after a small change redoes only the
 * files and bundles that it affects.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildClient } from '../build/client.js';
import { buildCli } from '../build/cli.js';
import { buildMcp } from '../build/mcp.js';
import type { AssembleResult } from '../build/parts.js';
import { generatedRoot, repoRoot, selectedTargets } from './targets.js';

function describeBin(result: AssembleResult): string {
  if (!result.written) return 'up to date';
  return result.built.length ? `rebuilt ${result.built.map((p) => p.split(':')[1]).join(', ')}` : 'reassembled';
}

/** Build the packages of generated/<target>/ that exist; returns one line of what was done. */
export async function buildTarget(root: string): Promise<string> {
  const started = performance.now();
  const has = (name: string) => existsSync(join(root, name, 'package.json'));
  const done: string[] = [];
  if (has('client')) {
    const client = await buildClient(join(root, 'client'));
    done.push(`client ${client.compiled ? `${client.compiled} of ${client.sources} files compiled` : 'up to date'}`);
  }
  const [cli, mcp] = await Promise.all([has('cli') ? buildCli(join(root, 'cli')) : undefined, has('mcp') ? buildMcp(join(root, 'mcp')) : undefined]);
  if (cli) done.push(`cli ${describeBin(cli)}`);
  if (mcp) done.push(`mcp ${describeBin(mcp)}`);
  const shown = relative(repoRoot, root) || root;
  return `built ${shown} in ${Math.round(performance.now() - started)} ms (${done.join('; ')})`;
}

export async function runBuild(argv: string[]): Promise<void> {
  for (const target of selectedTargets(argv)) {
    console.log(await buildTarget(join(generatedRoot, target)));
  }
}
