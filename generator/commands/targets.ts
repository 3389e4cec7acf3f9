import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export { repoRoot, specRoot, generatedRoot } from '../paths.js';
import { specRoot } from '../paths.js';

/** Every target that has a committed normalized spec, sorted. */
export function listTargets(): string[] {
  if (!existsSync(specRoot)) return [];
  return readdirSync(specRoot)
    .filter((name) => existsSync(join(specRoot, name, 'spec.json')))
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

/** The targets a command acts on: `--target X`, else all committed ones. */
export function selectedTargets(argv: string[]): string[] {
  const one = flagValue(argv, 'target');
  return one ? [one] : listTargets();
}
