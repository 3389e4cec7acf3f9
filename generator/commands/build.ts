/**
 * `build`: compile each generated package in place (client first: the CLI and
 * MCP bundles include the client source).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildClient } from '../build/client.js';
import { buildCli } from '../build/cli.js';
import { buildMcp } from '../build/mcp.js';
import { generatedRoot, selectedTargets } from './targets.js';

export async function runBuild(argv: string[]): Promise<void> {
  for (const target of selectedTargets(argv)) {
    const root = join(generatedRoot, target);
    const steps: Array<[string, (dir: string) => Promise<void>]> = [
      ['client', buildClient],
      ['cli', buildCli],
      ['mcp', buildMcp],
    ];
    for (const [name, build] of steps) {
      const dir = join(root, name);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const started = performance.now();
      await build(dir);
      console.log(`built generated/${target}/${name} in ${Math.round(performance.now() - started)} ms`);
    }
  }
}
