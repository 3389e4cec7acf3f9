/**
 * The only place that writes generated output. Everything is computed in
 * memory first; the files then land in a temporary sibling folder which
 * replaces the old folder in one rename, so a failure never leaves a
 * half-written tree behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Folders under a generated package that hold build output, never emitted files. */
export const BUILD_OUTPUT_DIRS = new Set(['dist', 'bin', 'node_modules']);

/** Replace `dir` with exactly `files` (relative path → contents), atomically. */
export function replaceDirectory(dir: string, files: Map<string, string>): void {
  const target = resolve(dir);
  const staging = `${target}.staging-${process.pid}`;
  const retired = `${target}.retired-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, contents] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const full = join(staging, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, contents);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });
}

/** Write a few files (each atomically via rename), creating folders as needed. */
export function writeFilesAtomically(root: string, files: Map<string, string>): void {
  const staged: Array<[string, string]> = [];
  try {
    for (const [path, contents] of files) {
      const full = resolve(root, path);
      mkdirSync(dirname(full), { recursive: true });
      const temp = `${full}.tmp-${process.pid}`;
      writeFileSync(temp, contents);
      staged.push([temp, full]);
    }
  } catch (error) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const [temp, full] of staged) renameSync(temp, full);
}

/**
 * Read the emitted files currently on disk under `dir` (skipping build output),
 * as relative path → contents, for `check` to compare against.
 */
export function readEmittedTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (current: string, depth: number) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) {
        // Build output sits one level inside each package (client/dist, cli/bin, …).
        if (depth === 1 && BUILD_OUTPUT_DIRS.has(name)) continue;
        walk(full, depth + 1);
      } else {
        files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
      }
    }
  };
  walk(dir, 0);
  return files;
}
