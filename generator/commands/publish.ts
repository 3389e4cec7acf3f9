/**
 * `publish [--target X] [--dry-run] [--provenance] [--tag T]`: `npm publish`
 * each built package of each target whose version the registry does not
 * have yet (client first: the CLI and MCP bundles pin it). The release
 * workflow runs it on main with `--provenance`; `--dry-run` publishes nothing
 * and asks the registry nothing, so tests can run it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GeneratorError } from '../errors.js';
import { PACKAGES } from '../diff/model.js';
import { flagValue, generatedRoot, rejectUnknownArgs, selectedTargets } from './targets.js';

const run = promisify(execFile);

/** What must exist in a package folder before it can be packed: its build output. */
function assertBuilt(dir: string, pkg: { main?: string; bin?: Record<string, string> }): void {
  for (const file of [pkg.main, ...Object.values(pkg.bin ?? {})]) {
    if (file && !existsSync(join(dir, file))) {
      throw new GeneratorError(`${join(dir, file)} is missing: the package is not built`, { file: join(dir, 'package.json') }, 'run `npm run build` first');
    }
  }
}

/** True when the registry already has this exact version (npm view prints nothing, or fails with E404, otherwise). */
async function published(name: string, version: string): Promise<boolean> {
  try {
    const { stdout } = await run('npm', ['view', `${name}@${version}`, 'version'], { encoding: 'utf8' });
    return stdout.trim() === version;
  } catch (error) {
    if (/E404|404 Not Found/.test(String((error as { stderr?: string }).stderr ?? error))) return false;
    throw new GeneratorError(`npm view ${name}@${version} failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}`);
  }
}

export async function runPublish(argv: string[]): Promise<void> {
  rejectUnknownArgs('publish-packages', argv, ['target', 'tag'], ['dry-run', 'provenance']);
  const dryRun = argv.includes('--dry-run');
  const tag = flagValue(argv, 'tag');
  for (const target of selectedTargets(argv)) {
    for (const id of PACKAGES) {
      const dir = join(generatedRoot, target, id);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; main?: string; bin?: Record<string, string> };
      assertBuilt(dir, pkg);
      if (argv.includes('--provenance') && !(pkg as { repository?: unknown }).repository) {
        throw new GeneratorError(
          `${pkg.name} has no \`repository\` in package.json: npm rejects provenance without it`,
          { file: join(dir, 'package.json') },
          `set \`packages.repository: https://github.com/<owner>/<repo>\` in spec/${target}/config.yaml, then \`npm run import\` and \`npm run generate\``,
        );
      }
      if (!dryRun && (await published(pkg.name, pkg.version))) {
        console.log(`publish: ${pkg.name}@${pkg.version} is already on the registry; skipped.`);
        continue;
      }
      const args = ['publish', '--access', 'public', ...(dryRun ? ['--dry-run'] : []), ...(argv.includes('--provenance') ? ['--provenance'] : []), ...(tag ? ['--tag', tag] : [])];
      try {
        await run('npm', args, { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      } catch (error) {
        const e = error as { stderr?: string; stdout?: string };
        throw new GeneratorError(`npm ${args.join(' ')} failed for ${pkg.name}@${pkg.version}:\n${(e.stderr || e.stdout || String(error)).trim()}`, { file: join(dir, 'package.json') });
      }
      console.log(`publish: ${pkg.name}@${pkg.version}${dryRun ? ' (dry run)' : ''}`);
    }
  }
}
