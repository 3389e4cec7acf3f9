/**
 * Cached esbuild bundles. A bin folder (cli/bin, mcp/bin) is assembled from
 * parts, each one esbuild bundle (the start-up file, the client library, the
 * YAML parser…) plus plain files such as the MCP tool table. A part is rebuilt
 * only when one of the files its last build read has changed (content hash for
 * project files; size and mtime inside node_modules, which only an install
 * changes and the lockfile records); otherwise its previous output is reused.
 * Parts that do not depend on the spec (`shared`) are also kept by content
 * across package folders and targets (shared.ts), so a fresh folder reuses
 * them rather than bundling the same npm code again. A new bin folder is
 * written beside and moved in with one rename; in an existing one only the
 * files whose bytes changed are replaced (each written aside and renamed in:
 * new files first, the start-up file last, stale ones removed at the end), so
 * a bin starting meanwhile finds every file its start-up file names; nothing
 * is written when nothing changed.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setImmediate as giveWay } from 'node:timers/promises';
import type { BuildOptions, BuildResult, Message } from 'esbuild';
import { GeneratorError } from '../errors.js';
import { contentHash, fileStamp, filesUnder, readManifest, writeManifest } from './cache.js';
import { loadExternal } from '../externals.js';
import { derivedFromFile, type FileDerived } from '../long-lived.js';
import { generatorInputs, lookupShared, materializeStage, sharedKey, stagePart, storeShared, type SharedSource } from './shared.js';
import { landStaged, pruneEmptyFolders, replaceDirectory, stageFiles } from '../write.js';

export const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One esbuild bundle of a bin folder. */
export interface BundlePart {
  /** Cache name, unique within the package (e.g. `main`, `client`). */
  name: string;
  /** esbuild options; `outfile`/`outdir` inside the bin folder. Plugins must be pure functions of their inputs. */
  options: BuildOptions;
  /** Extra files derived from the build (relative to the bin folder), e.g. license texts. */
  extra?: (result: BuildResult<{ metafile: true }>) => Map<string, string>;
  /** Awaited before this part is looked at: the client parts wait for the client's build. */
  after?: () => Promise<void>;
  /**
   * Set when the part does not depend on the spec: it is then built from a
   * content-named copy of these package files and cached across package
   * folders and targets (see shared.ts). Such a part may have no plugins.
   */
  shared?: SharedSource;
}

interface PartManifest {
  key: string;
  inputs: string[];
  outputs: Record<string, string>;
}

export interface ResolvedPart {
  name: string;
  files: Map<string, Uint8Array | string>;
  built: boolean;
  /** Taken from the cache of spec-independent parts (built by another package or by `npm install`). */
  shared?: boolean;
  key: string;
  inputs: string[];
  /** Its files were read from the bin folder, as the last build left them (so they are in place). */
  inPlace?: boolean;
}

/** In the daemon, the content hash of each project input it last hashed (every build checks every part's inputs). */
const inputHashes: FileDerived<string> = new Map();

/** What an input contributes to a part's key. */
function inputPrint(path: string): string {
  if (path.includes(`${'/'}node_modules/`)) return fileStamp(path) ?? 'missing';
  try {
    return derivedFromFile(inputHashes, path, () => contentHash(readFileSync(path)));
  } catch {
    return 'missing';
  }
}

function partKey(options: BuildOptions, inputs: string[]): string {
  const described = JSON.stringify({ ...options, plugins: options.plugins?.map((p) => p.name) });
  return contentHash(`${described}\n${inputs.map((i) => `${i}\0${inputPrint(i)}`).join('\n')}`);
}

let esbuildModule: Promise<typeof import('esbuild')> | undefined;
/** esbuild, loaded on first use (`import` and `check` never need it). */
export function esbuild(): Promise<typeof import('esbuild')> {
  esbuildModule ??= loadExternal<typeof import('esbuild')>('esbuild');
  return esbuildModule;
}

export function esbuildFailure(errors: Message[], what: string): GeneratorError {
  const e = errors[0];
  const loc = e?.location;
  return new GeneratorError(`esbuild failed for ${what}: ${e?.text ?? 'unknown error'}`, { file: loc?.file, line: loc?.line, column: loc?.column });
}

/**
 * The part's output files (relative to `binDir`): the previous ones when its
 * inputs are unchanged and its outputs untouched, else a fresh esbuild build.
 * Record the result with `recordPart` once its files are written.
 */
export async function resolvePart(pkgDir: string, binDir: string, part: BundlePart): Promise<ResolvedPart> {
  await part.after?.();
  const staged = part.shared && stagePart(pkgDir, binDir, part.name, part.options, part.shared);
  const keyOf = (inputs: string[]) => (staged ? sharedKey(staged, inputs) : partKey(part.options, inputs));
  const previous = readManifest<PartManifest>(pkgDir, `bundle:${part.name}`);
  if (previous && keyOf(previous.inputs) === previous.key) {
    const files = new Map<string, Uint8Array | string>();
    let intact = true;
    for (const [rel, stamp] of Object.entries(previous.outputs)) {
      const path = join(binDir, rel);
      if (fileStamp(path) !== stamp) {
        intact = false;
        break;
      }
      files.set(rel, readFileSync(path));
    }
    if (intact) return { name: part.name, files, built: false, key: previous.key, inputs: previous.inputs, inPlace: true };
  }
  const hit = staged && lookupShared(staged);
  if (hit) return { name: part.name, files: hit.files, built: false, shared: true, key: hit.key, inputs: hit.inputs };
  if (staged) materializeStage(staged);
  const options = staged?.options ?? part.options;
  let result: BuildResult<{ metafile: true; write: false }>;
  let builtAs: string | undefined;
  try {
    ({ result, builtAs } = await buildOnce(options));
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    throw errors?.length ? esbuildFailure(errors, relative(toolRoot, pkgDir)) : error;
  }
  if (result.errors.length > 0) throw esbuildFailure(result.errors, relative(toolRoot, pkgDir));
  const files = new Map<string, Uint8Array | string>();
  const outRoot = staged?.binDir ?? binDir;
  for (const out of result.outputFiles) {
    // A build shared with another part wrote to that part's outfile; the bytes are this part's too.
    const path = builtAs !== undefined && out.path === builtAs ? options.outfile! : out.path;
    files.set(relative(outRoot, path).split('\\').join('/'), out.contents);
  }
  for (const [rel, text] of part.extra?.(result) ?? []) files.set(rel, text);
  if (staged) {
    const inputs = generatorInputs(staged, Object.keys(result.metafile.inputs));
    const key = sharedKey(staged, inputs);
    try {
      storeShared(staged, { key, inputs, files });
    } catch {
      // A cache that cannot be written (read-only, raced by a prune) only costs the next build its reuse.
    }
    return { name: part.name, files, built: true, key, inputs };
  }
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => resolve(toolRoot, input))
    // Virtual modules (stdin, plugin namespaces) are no files: the options and the build code describe them.
    .filter((input) => existsSync(input))
    .sort();
  return { name: part.name, files, built: true, key: partKey(part.options, inputs), inputs };
}

type PartBuild = BuildResult<{ metafile: true; write: false }>;

/** Builds in flight, by their options less `outfile` (see buildOnce). */
const inFlight = new Map<string, { outfile: string; done: Promise<PartBuild> }>();

/**
 * esbuild's build of `options`; parts whose options differ only in their
 * `outfile` (the CLI's and the MCP server's client bundle, client-bin.ts) and
 * that build at the same time share one build. `builtAs` is the outfile the
 * shared build wrote to, when it was another part's. Parts with plugins never
 * share (a plugin may depend on its package).
 */
async function buildOnce(options: BuildOptions): Promise<{ result: PartBuild; builtAs?: string }> {
  const { build } = await esbuild();
  const run = () => build({ ...options, absWorkingDir: toolRoot, metafile: true, write: false, logLevel: 'silent' });
  if (!options.outfile || options.plugins?.length) return { result: await run() };
  const key = JSON.stringify({ ...options, outfile: undefined });
  const running = inFlight.get(key);
  if (running) return { result: await running.done, builtAs: running.outfile === options.outfile ? undefined : running.outfile };
  const done = run();
  const entry = { outfile: options.outfile, done };
  inFlight.set(key, entry);
  // Only builds running at the same time share: a later one may see other inputs.
  const settled = () => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  done.then(settled, settled);
  return { result: await done };
}

/** In the daemon, the minified text of each table file it last read (a large API's is megabytes of JSON to parse and print again). */
const minifiedTables: FileDerived<string> = new Map();

/**
 * A package's JSON table (`path`, e.g. src/commands.json) as its bin ships it:
 * minified, since the bin parses it at every start. `emitted`: the file's text
 * as generate just wrote it, read from there instead of from disk.
 */
export function minifiedTable(path: string, emitted?: string): string {
  return derivedFromFile(minifiedTables, path, () => JSON.stringify(JSON.parse(emitted ?? readFileSync(path, 'utf8'))));
}

function sameBytes(path: string, contents: Uint8Array | string): boolean {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
  return size === bytes.byteLength && Buffer.compare(readFileSync(path), bytes) === 0;
}

/** Remember what a part read and the files (now in `binDir`) it wrote, for the next build. */
export function recordPart(pkgDir: string, binDir: string, part: ResolvedPart): void {
  const outputs: Record<string, string> = {};
  for (const rel of part.files.keys()) outputs[rel] = fileStamp(join(binDir, rel)) ?? 'missing';
  writeManifest<PartManifest>(pkgDir, `bundle:${part.name}`, { key: part.key, inputs: part.inputs, outputs });
}

export interface AssembleResult {
  /** Parts rebuilt by esbuild (the others were reused). */
  built: string[];
  /** Spec-independent parts taken from the shared cache (built elsewhere). */
  shared: string[];
  /** Whether the bin folder was rewritten. */
  written: boolean;
}

/**
 * Build (or reuse) every part, add `files`, and make `binDir` hold exactly
 * that; `executable` (relative to binDir) gets mode 755. `files` is made
 * once the parts are on their way (esbuild builds them meanwhile).
 */
export async function assembleBin(pkgDir: string, binDir: string, parts: BundlePart[], files: () => Map<string, string>, executable: string): Promise<AssembleResult> {
  const resolving = Promise.all(parts.map((part) => resolvePart(pkgDir, binDir, part)));
  // Settled even if making the files throws first.
  resolving.catch(() => undefined);
  await giveWay();
  const wanted = new Map<string, Uint8Array | string>(files());
  const resolved = await resolving;
  for (const part of resolved) {
    for (const [rel, contents] of part.files) {
      if (wanted.has(rel)) throw new GeneratorError(`two build parts wrote ${rel}`, { file: binDir });
      wanted.set(rel, contents);
    }
  }
  const inPlace = new Set(resolved.filter((p) => p.inPlace).flatMap((p) => [...p.files.keys()]));
  const current = filesUnder(binDir).map((full) => relative(binDir, full).split('\\').join('/'));
  const changed = [...wanted.keys()].filter((rel) => !inPlace.has(rel) && !sameBytes(join(binDir, rel), wanted.get(rel)!));
  const stale = current.filter((rel) => !wanted.has(rel));
  const written = changed.length > 0 || stale.length > 0;
  if (written) {
    // A new folder is written beside and moved in whole.
    if (current.length === 0) replaceDirectory(binDir, wanted, (rel) => (rel === executable ? 0o755 : undefined));
    else replaceFiles(binDir, wanted, changed, new Set(current), stale, executable);
  }
  for (const part of resolved) recordPart(pkgDir, binDir, part);
  return { built: resolved.filter((p) => p.built).map((p) => p.name), shared: resolved.filter((p) => p.shared).map((p) => p.name), written };
}

/**
 * Replace the `changed` files of `binDir` and remove the `stale` ones. Every
 * new text is written aside first (nothing is touched when one fails), then
 * renamed in: files the folder did not have first, the start-up file last.
 */
function replaceFiles(binDir: string, wanted: Map<string, Uint8Array | string>, changed: string[], current: Set<string>, stale: string[], executable: string): void {
  const rank = (rel: string) => (rel === executable ? 2 : current.has(rel) ? 1 : 0);
  const order = [...changed].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const start = join(binDir, executable);
  landStaged(stageFiles(order.map((rel): [string, Uint8Array | string] => [join(binDir, rel), wanted.get(rel)!]), (path) => (path === start ? 0o755 : undefined)));
  for (const rel of stale) rmSync(join(binDir, rel), { force: true });
  for (const rel of stale) pruneEmptyFolders(binDir, dirname(join(binDir, rel)));
}
