/**
 * The build cache: what the last build of each package part read and wrote,
 * so the next build redoes only the parts whose inputs changed. It lives in
 * node_modules/.cache/openapi-tri-gen/build/ (outside the committed tree, wiped
 * by `npm ci`) and holds only small manifests: the outputs stay where the build
 * wrote them, and are reused only while their size and mtime are still the
 * ones recorded. (The spec-independent parts' outputs, shared by every
 * package, are kept beside it in ../parts/, see shared.ts.) Deleting the
 * folder makes the next build cold, never wrong.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLongLived, whenQuiet } from '../long-lived.js';

export const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const buildCacheDir = join(toolRoot, 'node_modules/.cache/openapi-tri-gen/build');
/** Manifests kept; the least recently used go first (tests build into many temp folders). */
const MAX_MANIFESTS = 200;
/** Pruned only past this many more, so that a build does not stat every manifest at each write. */
const PRUNE_SLACK = 50;

export function contentHash(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Size and mtime: how an output written by an earlier build is recognized as untouched. */
export function fileStamp(path: string): string | undefined {
  const s = statSync(path, { throwIfNoEntry: false });
  return s?.isFile() ? `${s.size}:${s.mtimeMs}` : undefined;
}

/**
 * `path:size:mtime` of every file under the folders `dirs` of `root` (paths
 * relative to `root`, in name order): how a run tells that code or files it
 * reads at run time changed since a cache was made.
 */
export function fileStampsUnder(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const full of filesUnder(join(root, dir))) {
      const s = statSync(full, { throwIfNoEntry: false });
      if (s) out.push(`${relative(root, full).split('\\').join('/')}:${s.size}:${s.mtimeMs}`);
    }
  }
  return out;
}

/**
 * The files under `dir` (full paths, in name order; none when it does not
 * exist). Entry types come from the directory listing itself, so listing a
 * package costs one read per folder rather than a stat per file.
 */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const isDir = entry.isSymbolicLink() ? statSync(full, { throwIfNoEntry: false })?.isDirectory() : entry.isDirectory();
    if (isDir) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

let builderKey: string | undefined;
/**
 * Fingerprint of everything a build's output depends on besides its inputs:
 * the build code itself (generator/build/*) and the installed tools and
 * packages (the lockfile). Any change there makes every manifest stale.
 */
export function builderFingerprint(): string {
  if (builderKey) return builderKey;
  const hash = createHash('sha1').update(process.version.split('.')[0]!);
  const buildDir = join(toolRoot, 'generator/build');
  for (const name of readdirSync(buildDir).sort()) hash.update(name).update(readFileSync(join(buildDir, name)));
  hash.update(readFileSync(join(toolRoot, 'package-lock.json')));
  builderKey = hash.digest('hex');
  return builderKey;
}

/** Where the manifest of one part of one package lives (by absolute package folder). */
function manifestPath(pkgDir: string, part: string): string {
  return join(buildCacheDir, `${contentHash(`${resolve(pkgDir)}\0${part}`)}.json`);
}

/**
 * Manifests the daemon's commands wrote, by file, until it writes them once no
 * command has come for a while (a one-field `generate` writes several); read
 * back from here meanwhile. A process that reads the older file on disk meanwhile
 * only rebuilds more: the outputs' stamps are what reuse rests on.
 */
const unwritten = new Map<string, string>();

/** The manifest of the last build of `part`, or undefined (none, unreadable, or built by other code). */
export function readManifest<T>(pkgDir: string, part: string): T | undefined {
  try {
    const file = manifestPath(pkgDir, part);
    const saved = JSON.parse(unwritten.get(file) ?? readFileSync(file, 'utf8')) as { builder: string; pkgDir: string; data: T };
    return saved.builder === builderFingerprint() && saved.pkgDir === resolve(pkgDir) ? saved.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeManifest<T>(pkgDir: string, part: string, data: T): void {
  const file = manifestPath(pkgDir, part);
  const text = JSON.stringify({ builder: builderFingerprint(), pkgDir: resolve(pkgDir), data });
  if (!isLongLived()) return writeManifestFile(file, text);
  const queued = unwritten.has(file);
  unwritten.set(file, text);
  if (!queued) whenQuiet(() => writeUnwritten(file));
}

function writeUnwritten(file: string): void {
  const text = unwritten.get(file);
  if (text === undefined) return;
  unwritten.delete(file);
  writeManifestFile(file, text);
}

function writeManifestFile(file: string, text: string): void {
  mkdirSync(buildCacheDir, { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, file);
  pruneManifests();
}

export function dropManifest(pkgDir: string, part: string): void {
  const file = manifestPath(pkgDir, part);
  unwritten.delete(file);
  rmSync(file, { force: true });
}

function pruneManifests(): void {
  const names = readdirSync(buildCacheDir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_MANIFESTS + PRUNE_SLACK) return;
  const byAge = names.map((n) => ({ n, t: statSync(join(buildCacheDir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of byAge.slice(0, names.length - MAX_MANIFESTS)) rmSync(join(buildCacheDir, n), { force: true });
}
