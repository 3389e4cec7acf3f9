/**
 * Runs once before the test files: makes sure the generated packages are
 * built (their bins and dist/ are build output, not committed), so a fresh
 * clone can run `npm test` straight after `npm install`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

export default function setup(): void {
  const pkg = join(repoRoot, 'generated/openai-admin');
  const built = ['client/dist', 'cli/bin', 'mcp/bin'].every((p) => !existsSync(join(pkg, p.split('/')[0]!, 'package.json')) || existsSync(join(pkg, p)));
  if (!built) {
    execFileSync(process.execPath, [join(repoRoot, 'generator/launch.mjs'), 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
}
