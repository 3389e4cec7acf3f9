/**
 * Runs once before the test files:
 * - makes sure the generated packages are built (their bins and dist/ are
 *   build output, not committed), so a fresh clone can run `npm test` straight
 *   after `npm install`;
 * - points TMPDIR at one folder for this run, which the test files, the
 *   commands they start and the generator itself make their temporary folders
 *   in, and removes it when the run ends: a run leaves nothing in the system's
 *   temp dir, whether a test removes what it made or not (hundreds of folders,
 *   some gigabytes, per run otherwise). `TRIGEN_KEEP_TMP=1` keeps it, to look
 *   at what a failing test wrote.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

export default function setup(): () => void {
  // Every committed target (openai-admin, openai, …).
  const targets = existsSync(join(repoRoot, 'generated')) ? readdirSync(join(repoRoot, 'generated')) : [];
  const isBuilt = (pkg: string) => ['client/dist', 'cli/bin', 'mcp/bin'].every((p) => !existsSync(join(pkg, p.split('/')[0]!, 'package.json')) || existsSync(join(pkg, p)));
  const built = targets.every((t) => isBuilt(join(repoRoot, 'generated', t)));
  if (!built) {
    execFileSync(process.execPath, [join(repoRoot, 'generator/launch.cjs'), 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }

  // Short, so that a daemon's socket path under it stays within the Unix limit (generator/daemon/client.cjs).
  const runTmp = mkdtempSync(join(tmpdir(), 'trigen-test-'));
  const outer = { TMPDIR: process.env.TMPDIR, TEMP: process.env.TEMP, TMP: process.env.TMP };
  // os.tmpdir() reads TMPDIR on POSIX, TEMP and TMP on Windows; the test workers and their children inherit these.
  process.env.TMPDIR = process.env.TEMP = process.env.TMP = runTmp;
  return () => {
    for (const [key, value] of Object.entries(outer)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    if (process.env.TRIGEN_KEEP_TMP === '1') console.log(`test temp folder kept: ${runTmp}`);
    else rmSync(runTmp, { recursive: true, force: true });
  };
}
