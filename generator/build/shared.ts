/**
 * Bundle parts that do not depend on the API spec (the MCP server runtime with
 * the MCP SDK, the CLI's YAML parser) are cached by content, across package
 * folders and targets, so a fresh project folder reuses them instead of
 * bundling the same npm code again.
 *
 * Such a part is built from a stage, not from the package folder: a copy of
 * the package files it may read (e.g. src/runtime/, src/shared/,
 * tsconfig.json, with the generated-file header, which names the target, left
 * out of code files: a minified bundle drops comments anyway), plus a
 * package.json holding only the package's module type. The stage lives at a
 * path named by the hash of that copy, inside the cache, because esbuild's
 * chunk names hash the paths of the modules in them: built in place, the same
 * runtime would get other chunk names in every folder. From the stage, the
 * output is a function of the copied content, the npm code it bundles and the
 * build options, and so is the cache key:
 *   builder fingerprint (build code, lockfile, Node major) + part name
 *   + options with the package folder written as `<pkg>` + the copy's hash
 *   + each npm file the last build read (size and mtime, which only an
 *     install changes) and any other generator file (content).
 * The outputs are kept in node_modules/.cache/openapi-tri-gen/parts/ (least
 * recently used first out past MAX_ENTRIES or MAX_BYTES), checked against
 * their recorded hashes when reused; a hit writes the bytes a build writes.
 * A missing, pruned or stale entry means a build, never a wrong bin.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { GENERATED_NOTICE } from '../emit/header.js';
import { GeneratorError } from '../errors.js';
import { buildCacheDir, builderFingerprint, contentHash, fileStamp, toolRoot } from './cache.js';

const cacheRoot = resolve(buildCacheDir, '..');
export const defaultSharedPartsDir = join(cacheRoot, 'parts');
let sharedPartsDir = defaultSharedPartsDir;
/** Where the outputs are kept: tests point it at an empty folder of their own (and back, without an argument). */
export function useSharedPartsDir(dir: string = defaultSharedPartsDir): void {
  sharedPartsDir = dir;
}
export const stagesDir = join(cacheRoot, 'stage');
/** Entries kept (a few parts × a few builder versions); the least recently used go first. */
const MAX_ENTRIES = 24;
const MAX_BYTES = 64 * 1024 * 1024;
/** Stages unused for this long go (a running build may still read a younger one). */
const STALE_STAGE_MS = 10 * 60 * 1000;

/** What a spec-independent part may read from its package; everything else comes from the generator. */
export interface SharedSource {
  /** Package-relative folders and files copied into the stage. */
  copy: string[];
}

/** One shared part of one package, ready to be looked up or built. */
export interface StagedPart {
  /** Hash of the builder, the part's name and options (package folder relative) and the staged content. */
  recipe: string;
  stageDir: string;
  /** The staged files (relative path → contents), written only when the part must be built. */
  files: Map<string, string>;
  /** The part's options pointing into the stage instead of the package. */
  options: BuildOptions;
  /** The bin folder inside the stage, which output paths are relative to. */
  binDir: string;
}

export interface SharedOutputs {
  key: string;
  /** Generator files (relative to the tool root) the build read besides the stage. */
  inputs: string[];
  files: Map<string, Uint8Array | string>;
}

const CODE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;
const HEADER_START = `// ${GENERATED_NOTICE}\n// Source: `;

/** A code file without the generated-file header's two lines (the second names the target). */
function withoutHeader(rel: string, text: string): string {
  if (!CODE_FILE.test(rel) || !text.startsWith(HEADER_START)) return text;
  const end = text.indexOf('\n', HEADER_START.length);
  return end < 0 ? '' : text.slice(end + 1);
}

/** Every string in `value` that is `from` or lies inside it, moved to `to`. Plugins (functions) stay as they are. */
function rebase<T>(value: T, from: string, to: string): T {
  if (typeof value === 'string') {
    return (value === from || value.startsWith(from + sep) ? to + value.slice(from.length) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => rebase(v, from, to)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebase(v, from, to)])) as T;
  }
  return value;
}

function listFiles(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [relative(base, full).split(sep).join('/')];
    });
}

/**
 * Reads what `source` lists in `pkgDir` and describes the stage the part
 * builds from. Writes nothing.
 */
export function stagePart(pkgDir: string, binDir: string, name: string, options: BuildOptions, source: SharedSource): StagedPart {
  if (options.plugins?.length) throw new GeneratorError(`the shared build part ${name} has plugins, whose code its cache key cannot see`, { file: pkgDir });
  const files = new Map<string, string>();
  for (const entry of source.copy) {
    const full = join(pkgDir, entry);
    const s = statSync(full, { throwIfNoEntry: false });
    const rels = s?.isDirectory() ? listFiles(full, pkgDir) : s?.isFile() ? [entry] : [];
    for (const rel of rels) files.set(rel, withoutHeader(rel, readFileSync(join(pkgDir, rel), 'utf8')));
  }
  // Only the module type of the package's package.json (the rest names the target) decides how esbuild reads the sources.
  let type: unknown;
  try {
    type = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  files.set('package.json', `${JSON.stringify(type === 'module' ? { type } : { type: 'commonjs' })}\n`);
  const content = contentHash([...files].map(([rel, text]) => `${rel}\0${contentHash(text)}`).join('\n'));
  const stageDir = join(stagesDir, content.slice(0, 16));
  const described = JSON.stringify(rebase(rebase(options, resolve(pkgDir), '<pkg>'), toolRoot, '<tool>'));
  return {
    recipe: contentHash(`${builderFingerprint()}\n${name}\n${described}\n${content}`),
    stageDir,
    files,
    options: rebase(options, resolve(pkgDir), stageDir),
    binDir: rebase(resolve(binDir), resolve(pkgDir), stageDir),
  };
}

/** Writes the stage unless another build already did (its path names its content). */
export function materializeStage(part: StagedPart): void {
  if (existsSync(part.stageDir)) {
    const now = new Date();
    utimesSync(part.stageDir, now, now);
    return;
  }
  const temp = `${part.stageDir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  for (const [rel, text] of part.files) {
    mkdirSync(join(temp, rel, '..'), { recursive: true });
    writeFileSync(join(temp, rel), text);
  }
  try {
    renameSync(temp, part.stageDir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(part.stageDir)) throw error;
  }
  for (const name of readdirSync(stagesDir)) {
    const path = join(stagesDir, name);
    if (path !== part.stageDir && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > STALE_STAGE_MS) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The generator files among a staged build's inputs (esbuild's metafile
 * paths, relative to the tool root), sorted; the stage's own files are
 * covered by the recipe.
 */
export function generatorInputs(part: StagedPart, metafileInputs: string[]): string[] {
  const stage = relative(toolRoot, part.stageDir).split(sep).join('/');
  const inputs = new Set<string>();
  for (const input of metafileInputs) {
    const full = resolve(toolRoot, input);
    // Virtual modules (stdin) are no files: the options describe them.
    if (!existsSync(full)) continue;
    const rel = relative(toolRoot, full).split(sep).join('/');
    if (rel === stage || rel.startsWith(`${stage}/`)) continue;
    if (rel.startsWith('../') || isAbsolute(rel)) throw new GeneratorError(`a spec-independent build part read ${full}, outside the generator and its stage`, { file: full });
    inputs.add(rel);
  }
  return [...inputs].sort();
}

/** What a generator file contributes to a key: npm files by size and mtime (only an install changes them), others by content. */
function inputPrint(rel: string): string {
  const full = join(toolRoot, rel);
  if (rel.startsWith('node_modules/') || rel.includes('/node_modules/')) return fileStamp(full) ?? 'missing';
  try {
    return contentHash(readFileSync(full));
  } catch {
    return 'missing';
  }
}

export function sharedKey(part: StagedPart, inputs: string[]): string {
  return contentHash(`${part.recipe}\n${inputs.map((rel) => `${rel}\0${inputPrint(rel)}`).join('\n')}`);
}

interface EntryManifest {
  inputs: string[];
  /** Output path (relative to the bin folder) → sha1 of its bytes. */
  files: Record<string, string>;
  bytes: number;
}

/** The stored outputs of `part` whose inputs are still what they were, or undefined. */
export function lookupShared(part: StagedPart): SharedOutputs | undefined {
  const dir = join(sharedPartsDir, part.recipe);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  for (const name of names) {
    const key = name.slice(0, -'.json'.length);
    try {
      const entry = JSON.parse(readFileSync(join(dir, name), 'utf8')) as EntryManifest;
      if (sharedKey(part, entry.inputs) !== key) continue;
      const files = new Map<string, Uint8Array | string>();
      for (const [rel, hash] of Object.entries(entry.files)) {
        const bytes = readFileSync(join(dir, key, rel));
        if (contentHash(bytes) !== hash) throw new Error('damaged entry');
        files.set(rel, bytes);
      }
      const now = new Date();
      utimesSync(join(dir, name), now, now);
      return { key, inputs: entry.inputs, files };
    } catch {
      // Unreadable, damaged or pruned meanwhile: the next candidate, or a build.
    }
  }
  return undefined;
}

/** Keeps a build's outputs for every package that stages the same content. */
export function storeShared(part: StagedPart, outputs: SharedOutputs): void {
  const dir = join(sharedPartsDir, part.recipe);
  const filesDir = join(dir, outputs.key);
  const temp = `${filesDir}.tmp-${process.pid}`;
  const manifest: EntryManifest = { inputs: outputs.inputs, files: {}, bytes: 0 };
  rmSync(temp, { recursive: true, force: true });
  for (const [rel, contents] of outputs.files) {
    mkdirSync(join(temp, rel, '..'), { recursive: true });
    writeFileSync(join(temp, rel), contents);
    manifest.files[rel] = contentHash(contents);
    manifest.bytes += typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;
  }
  try {
    // Another build of the same content may have stored it meanwhile: the same bytes, replaced whole.
    rmSync(filesDir, { recursive: true, force: true });
    renameSync(temp, filesDir);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  writeFileSync(`${filesDir}.json.tmp-${process.pid}`, JSON.stringify(manifest));
  renameSync(`${filesDir}.json.tmp-${process.pid}`, `${filesDir}.json`);
  pruneShared();
}

/** Drops the least recently used entries beyond MAX_ENTRIES or MAX_BYTES. */
function pruneShared(): void {
  const entries: Array<{ manifest: string; mtime: number; bytes: number }> = [];
  for (const recipe of readdirSync(sharedPartsDir)) {
    const dir = join(sharedPartsDir, recipe);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.includes('.tmp-'))) {
      // Left by a build that died while storing.
      const path = join(dir, name);
      if (Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > STALE_STAGE_MS) rmSync(path, { recursive: true, force: true });
    }
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const manifest = join(dir, name);
      try {
        entries.push({ manifest, mtime: statSync(manifest).mtimeMs, bytes: (JSON.parse(readFileSync(manifest, 'utf8')) as EntryManifest).bytes });
      } catch {
        rmSync(manifest, { force: true });
      }
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  let total = 0;
  entries.forEach((entry, i) => {
    total += entry.bytes;
    if (i < MAX_ENTRIES && total <= MAX_BYTES) return;
    rmSync(entry.manifest, { force: true });
    rmSync(entry.manifest.slice(0, -'.json'.length), { recursive: true, force: true });
  });
}
