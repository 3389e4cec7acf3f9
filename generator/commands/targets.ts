import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors.js';

export { repoRoot, specRoot, generatedRoot } from '../paths.js';
import { specRoot } from '../paths.js';

/** Every target that has a committed normalized spec (under `specDir`, default the project's spec/), sorted. */
export function listTargets(specDir = specRoot): string[] {
  if (!existsSync(specDir)) return [];
  return readdirSync(specDir)
    .filter((name) => existsSync(join(specDir, name, 'spec.json')))
    .sort();
}

/** Value of `--name value` or `--name=value` in argv. */
export function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/**
 * Refuse what a command does not take (a mistyped `--targte x` must not run
 * every target): options other than `valueFlags` (which take a value, as
 * `--name value` or `--name=value`) and `switches`, and any bare argument.
 */
export function rejectUnknownArgs(command: string, argv: string[], valueFlags: string[], switches: string[] = []): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.split('=')[0]!.replace(/^--/, '');
    if (arg.startsWith('--') && valueFlags.includes(name)) {
      if (!arg.includes('=') && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))) {
        throw new GeneratorError(`${arg} needs a value`, {}, `see \`npm run ${command} -- --help\``);
      }
      if (!arg.includes('=')) i++;
    } else if (!(arg.startsWith('--') && switches.includes(name) && !arg.includes('='))) {
      throw new GeneratorError(arg.startsWith('-') ? `unknown option ${arg} for ${command}` : `${command} takes no argument \`${arg}\``, {}, `see \`npm run ${command} -- --help\``);
    }
  }
}

/** The targets a command acts on: `--target X`, else all committed ones. */
export function selectedTargets(argv: string[]): string[] {
  const one = flagValue(argv, 'target');
  return one ? [one] : listTargets();
}
