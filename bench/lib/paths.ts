/** Paths the bench reads; ../shared is read at run time and never copied. */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Skip } from './types.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const benchDir = join(repoRoot, 'bench');
export const sharedDir = resolve(repoRoot, '../shared');
export const openaiSpecsDir = join(sharedDir, 'specs/openai');
/** The committed generated packages of the admin target. */
export const repoGeneratedDir = join(repoRoot, 'generated/openai-admin');
/**
 * The built packages the measures use: the repo's generated/openai-admin when
 * it is complete, else a scratch build made by bench/prepare.ts (see run.ts).
 */
export const generatedDir = process.env.BENCH_GENERATED_DIR || repoGeneratedDir;
/** Scratch space inside the repo (gitignored `.tmp/`) so bundles resolve node_modules. */
export const scratchRoot = join(repoRoot, '.tmp/bench');

export function openaiHistory(): string[] {
  if (!existsSync(openaiSpecsDir)) throw new Skip(`${openaiSpecsDir} not found`);
  return readdirSync(openaiSpecsDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(openaiSpecsDir, f));
}

export function newestYaml(): string {
  const all = openaiHistory();
  if (all.length === 0) throw new Skip('no OpenAI YAML documents in ../shared/specs/openai');
  return all[all.length - 1]!;
}

/** The document of the history whose file name starts with `date`. */
export function specByDate(date: string): string {
  const hit = openaiHistory().find((f) => f.slice(f.lastIndexOf('/') + 1).startsWith(date));
  if (!hit) throw new Skip(`no ../shared/specs/openai/${date}-*.yaml`);
  return hit;
}

/** A fresh scratch folder for one measure. */
export function scratch(name: string): string {
  const dir = join(scratchRoot, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Import a repo module that another helper may not have written yet. The path
 * is computed at run time so the bench typechecks without it; a missing module
 * or export becomes a Skip with a readable reason.
 */
export async function optionalImport<T>(relPath: string, exportName: string): Promise<T> {
  const abs = join(repoRoot, relPath);
  const tsPath = abs.replace(/\.js$/, '.ts');
  if (!existsSync(abs) && !existsSync(tsPath)) throw new Skip(`${relPath.replace(/\.js$/, '.ts')} does not exist yet`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(existsSync(abs) ? abs : tsPath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Skip(`importing ${relPath} failed: ${firstLine(error)}`);
  }
  const value = mod[exportName];
  if (value === undefined) throw new Skip(`${relPath} has no export \`${exportName}\` yet`);
  return value as T;
}

export function requireFile(path: string, what: string): string {
  if (!existsSync(path)) throw new Skip(`${what} missing (${path.replace(repoRoot + '/', '')}); run \`npm run generate\``);
  return path;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((l) => l.trim())?.trim().slice(0, 200) ?? 'unknown error';
}
