/**
 * Runs once before the test files: makes sure the generated packages are
 * built (their bins and dist/ are build output, not committed), so a fresh
 * clone can run `npm test` straight after `npm install`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

export default function setup(): void {
  // Every committed target (openai-admin, openai, …).
  const targets = existsSync(join(repoRoot, 'generated')) ? readdirSync(join(repoRoot, 'generated')) : [];
  const isBuilt = (pkg: string) => ['client/dist', 'cli/bin', 'mcp/bin'].every((p) => !existsSync(join(pkg, p.split('/')[0]!, 'package.json')) || existsSync(join(pkg, p)));
  const built = targets.every((t) => isBuilt(join(repoRoot, 'generated', t)));
  if (!built) {
    execFileSync(process.execPath, [join(repoRoot, 'generator/launch.cjs'), 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
}
