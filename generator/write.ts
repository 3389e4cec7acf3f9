/**
 * The only place that writes generated output. Everything is computed in
 * memory first, so bad input fails before anything is written. A whole tree
 * lands in a temporary sibling folder which replaces the old folder in one
 * rename (`replaceDirectory`); `generate` uses `syncDirectory`, which writes
 * only the files whose bytes changed (each staged before any lands) and keeps
 * the packages' build output, so the build after it redoes only what changed.
 */
import { chmodSync, mkdirSync, renameSync, rmSync, rmdirSync, writeFileSync, existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { derivedFromFile, rememberDerived, type FileDerived } from './long-lived.js';

/** Folders under a generated package that hold build output, never emitted files. */
export const BUILD_OUTPUT_DIRS = new Set(['dist', 'bin', 'node_modules']);

/** Replace `dir` with exactly `files` (relative path → contents), atomically; `mode` for the relative paths it names. */
export function replaceDirectory(dir: string, files: Map<string, string | Uint8Array>, mode?: (path: string) => number | undefined): void {
  const target = resolve(dir);
  const staging = `${target}.staging-${process.pid}`;
  const retired = `${target}.retired-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, contents] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const full = join(staging, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, contents);
      const wanted = mode?.(path);
      if (wanted !== undefined) chmodSync(full, wanted);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });
}

/**
 * Write each `[path, contents]` beside its path (creating folders as needed),
 * with `mode` for the paths it names; if one write fails, the ones written go
 * and the error is thrown, so nothing has landed. Returns the `[temp, path]`
 * pairs for `landStaged`.
 */
export function stageFiles(files: Iterable<[string, string | Uint8Array]>, mode?: (path: string) => number | undefined): Array<[string, string]> {
  const staged: Array<[string, string]> = [];
  const madeDirs = new Set<string>();
  try {
    for (const [path, contents] of files) {
      if (!madeDirs.has(dirname(path))) {
        mkdirSync(dirname(path), { recursive: true });
        madeDirs.add(dirname(path));
      }
      const temp = `${path}.tmp-${process.pid}`;
      writeFileSync(temp, contents);
      const wanted = mode?.(path);
      if (wanted !== undefined) chmodSync(temp, wanted);
      staged.push([temp, path]);
    }
  } catch (error) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw error;
  }
  return staged;
}

/** Rename staged files (stageFiles) into place, in order. */
export function landStaged(staged: Array<[string, string]>): void {
  for (const [temp, path] of staged) renameSync(temp, path);
}

/** Write a few files (each atomically via rename), creating folders as needed. */
export function writeFilesAtomically(root: string, files: Map<string, string>): void {
  landStaged(stageFiles([...files].map(([path, contents]): [string, string] => [resolve(root, path), contents])));
}

export interface SyncResult {
  /** Relative paths written (new or changed), sorted. */
  written: string[];
  /** Relative paths removed (no longer emitted), sorted. */
  removed: string[];
}

/**
 * Make the emitted files under `dir` exactly `files`, touching only what
 * differs: changed and new files are staged next to their targets first, then
 * stale files are removed and the staged ones renamed into place. Build output
 * (see BUILD_OUTPUT_DIRS) is left alone. The result has the same bytes as
 * `replaceDirectory(dir, files)` for every emitted file.
 */
export function syncDirectory(dir: string, files: Map<string, string>): SyncResult {
  const target = resolve(dir);
  const onDisk = readEmittedTree(target);
  const written = [...files.keys()].filter((path) => onDisk.get(path) !== files.get(path)).sort();
  const removed = [...onDisk.keys()].filter((path) => !files.has(path)).sort();
  const staged = stageFiles(written.map((path): [string, string] => [join(target, path), files.get(path)!]));
  // Removals first: on a case-insensitive file system `Foo.ts` → `foo.ts` is one file.
  for (const path of removed) rmSync(join(target, path), { force: true });
  landStaged(staged);
  for (const path of written) rememberDerived(knownTexts, join(target, path), files.get(path)!);
  for (const path of removed) pruneEmptyFolders(target, dirname(join(target, path)));
  // A package no longer emitted goes with its build output.
  const packages = new Set([...files.keys()].map((path) => path.split('/')[0]!));
  for (const name of existsSync(target) ? readdirSync(target) : []) {
    if (!packages.has(name) && statSync(join(target, name)).isDirectory()) rmSync(join(target, name), { recursive: true, force: true });
  }
  return { written, removed };
}

/** Remove `folder` and its parents up to (not including) `root` while they are empty. */
export function pruneEmptyFolders(root: string, folder: string): void {
  for (let current = folder; current.startsWith(root + '/') || current.startsWith(root + '\\'); current = dirname(current)) {
    if (!existsSync(current) || readdirSync(current).length > 0) return;
    rmdirSync(current);
  }
}

/** In the daemon, the text of each emitted file it last wrote or read (a one-field change rewrites a few of many). */
const knownTexts: FileDerived<string> = new Map();

/**
 * Read the emitted files currently on disk under `dir` (skipping build output),
 * as relative path → contents, for `check` to compare against.
 */
export function readEmittedTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (current: string, depth: number) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(current, entry.name);
      // A symbolic link is taken for what it points to, as a stat would.
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory())) {
        // Build output sits one level inside each package (client/dist, cli/bin, …).
        if (depth === 1 && BUILD_OUTPUT_DIRS.has(entry.name)) continue;
        walk(full, depth + 1);
      } else {
        files.set(relative(dir, full).split('\\').join('/'), derivedFromFile(knownTexts, full, () => readFileSync(full, 'utf8')));
      }
    }
  };
  walk(dir, 0);
  return files;
}
