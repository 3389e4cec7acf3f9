/**
 * Paths into ../shared, read at run time (never copied into the repo).
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const openaiSpecsDir = join(sharedDir, 'specs/openai');
export const otherSpecsDir = join(sharedDir, 'specs/other');

/** The OpenAI YAML documents, oldest to newest (their names start with the date). */
export function openaiSpecHistory(): string[] {
  return readdirSync(openaiSpecsDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(openaiSpecsDir, f));
}

/** The newest OpenAI document: the current target. */
export function newestOpenaiSpec(): string {
  const all = openaiSpecHistory();
  return all[all.length - 1]!;
}

/** The JSON copy of the newest document (fast to parse). */
export function newestOpenaiSpecJson(): string {
  return newestOpenaiSpec().replace(/\.yaml$/, '.json');
}

export function otherSpecs(): string[] {
  return readdirSync(otherSpecsDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(otherSpecsDir, f));
}
