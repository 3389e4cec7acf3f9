/**
 * Compiles the generated client in place: `dist/` holds ESM `.js` and `.d.ts`,
 * `dist/cjs/` the CommonJS build (one bundled `index.js`: the exports map
 * offers no deep imports) with its own copy of the declarations and a
 * `package.json` saying `"type": "commonjs"`.
 *
 * ES modules file by file (no bundling, so apps can tree-shake): esbuild for
 * the JavaScript, oxc's isolated-declarations emitter for the `.d.ts` (native,
 * about a millisecond a file, against ~17 ms for `ts.transpileDeclaration` and
 * a second to load TypeScript). A file that is not isolated-declarations clean
 * makes the build fall back to a full strict TypeScript program, which also
 * fails on any type error. `typecheckClient` is that full check on its own
 * (tests and `check` run it).
 *
 * Incremental: a file whose source bytes are the ones of the last build, and
 * whose outputs are still the files that build wrote, is skipped; outputs
 * whose bytes would not change are not rewritten (so the bundles built from
 * `dist/` see a types-only change as no change at all).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { BuildOptions, Message, OutputFile } from 'esbuild';
import { GeneratorError } from '../errors.js';
import { contentHash, dropManifest, fileStamp, readManifest, writeManifest } from './cache.js';
import { esbuild, esbuildFailure, recordPart, resolvePart } from './parts.js';
import { typecheckClient } from './typescript.js';
import { loadExternal } from '../externals.js';

export { typecheckClient };

function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, keep));
    else if (keep(name)) out.push(full);
  }
  return out;
}

/** The outputs of one source file, relative to dist/: ESM JS, declarations (twice, for ESM and CJS consumers). */
function outputsOf(rel: string): { esm: string; dts: string; cjsDts: string } {
  const base = rel.replace(/\.ts$/, '');
  return { esm: `${base}.js`, dts: `${base}.d.ts`, cjsDts: `cjs/${base}.d.ts` };
}

/** The CommonJS build: one file (the exports map offers no deep imports), declarations beside it. */
const CJS_BUNDLE = 'cjs/index.js';

interface SourceEntry {
  /** Hash of the source text. */
  source: string;
  /** dist-relative output → { hash of its bytes, size:mtime stamp as written }. */
  outputs: Record<string, { hash: string; stamp: string }>;
}
interface ClientManifest {
  files: Record<string, SourceEntry>;
}

/**
 * Build output is written in place: a write cut short leaves a file whose
 * stamp is not the recorded one, so the next build redoes it.
 */
function writeOutput(path: string, text: string, madeDirs: Set<string>): void {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  writeFileSync(path, text);
}

let oxcModule: typeof import('oxc-transform') | undefined;
async function oxc(): Promise<typeof import('oxc-transform')> {
  oxcModule ??= await loadExternal<typeof import('oxc-transform')>('oxc-transform');
  return oxcModule;
}

export interface ClientBuildResult {
  /** Source files compiled by this build (the others were unchanged). */
  compiled: number;
  sources: number;
  /** Why the declarations came from a full tsc program (slow, and no incremental build next time). */
  fallbackReason?: string;
}

/**
 * `onModulesWritten` is called once `dist/`'s ES modules are all written (before
 * the CommonJS bundle): the CLI's and MCP server's client bundles, made from
 * them, start then.
 */
export async function buildClient(pkgDir: string, onModulesWritten?: () => void): Promise<ClientBuildResult> {
  const srcDir = join(pkgDir, 'src');
  const distDir = join(pkgDir, 'dist');
  const sources = listFiles(srcDir, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).map((full) => {
    const text = readFileSync(full, 'utf8');
    return { rel: relative(srcDir, full).split('\\').join('/'), full, text, hash: contentHash(text) };
  });
  const previous = readManifest<ClientManifest>(pkgDir, 'client')?.files ?? {};
  const isIntact = (entry: SourceEntry | undefined, hash: string) =>
    entry !== undefined && entry.source === hash && Object.entries(entry.outputs).every(([rel, out]) => fileStamp(join(distDir, rel)) === out.stamp);
  const stale = sources.filter((s) => !isIntact(previous[s.rel], s.hash));

  // Compile what changed: ES modules (esbuild, in its own process, one call),
  // declarations meanwhile (oxc, in this one).
  const { build } = await esbuild();
  const { isolatedDeclarationSync } = await oxc();
  const transpile = async (): Promise<OutputFile[]> => {
    if (stale.length === 0) return [];
    const options: BuildOptions = {
      entryPoints: stale.map((s) => s.full),
      outbase: srcDir,
      outdir: distDir,
      bundle: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      tsconfig: join(pkgDir, 'tsconfig.json'),
      write: false,
      logLevel: 'silent',
    };
    try {
      const result = await build(options);
      return result.outputFiles ?? [];
    } catch (error) {
      const errors = (error as { errors?: Message[] }).errors;
      throw errors?.length ? esbuildFailure(errors, relative(process.cwd(), srcDir) || srcDir) : error;
    }
  };
  const javascript = transpile();
  // Settled even if declarations throw first, so a failed build leaves no unhandled rejection.
  javascript.catch(() => undefined);
  let compiled: Array<{ rel: string; hash: string; texts: Map<string, string> }> = stale.map((s) => ({ rel: s.rel, hash: s.hash, texts: new Map() }));

  // Declarations per file; if one needs type information, the whole program's, checked, for every file.
  // (oxc's async API measured no faster here: its thread pool competes for the same two cores.)
  let fellBack = false;
  let fallbackReason: string | undefined;
  for (const [i, s] of stale.entries()) {
    const result = isolatedDeclarationSync(s.full, s.text, {});
    if (result.errors.length > 0) {
      fellBack = true;
      fallbackReason = `${relative(pkgDir, s.full)}: ${result.errors[0]!.message}`;
      break;
    }
    const out = outputsOf(s.rel);
    compiled[i]!.texts.set(out.dts, result.code).set(out.cjsDts, result.code);
  }
  if (fellBack) {
    const emitted = new Map<string, string>();
    const diagnostics = typecheckClient(pkgDir, (fileName, text) => emitted.set(relative(distDir, fileName).split('\\').join('/'), text));
    if (diagnostics.length > 0) {
      throw new GeneratorError(`the generated client does not type-check (${diagnostics.length} diagnostics)`, { file: srcDir }, diagnostics.slice(0, 20).join(''));
    }
    const byRel = new Map(compiled.map((c) => [c.rel, c]));
    compiled = sources.map((s) => byRel.get(s.rel) ?? { rel: s.rel, hash: s.hash, texts: new Map() });
    for (const c of compiled) {
      const out = outputsOf(c.rel);
      const text = emitted.get(out.dts) ?? '';
      c.texts.set(out.dts, text).set(out.cjsDts, text);
    }
  }

  // Write only the outputs whose bytes changed, and record what is now on disk.
  const madeDirs = new Set<string>();
  const written = new Map<string, SourceEntry['outputs']>();
  const put = (source: string, rel: string, text: string) => {
    const hash = contentHash(text);
    const path = join(distDir, rel);
    const before = previous[source]?.outputs[rel];
    if (!before || before.hash !== hash || fileStamp(path) !== before.stamp) writeOutput(path, text, madeDirs);
    (written.get(source) ?? written.set(source, {}).get(source)!)[rel] = { hash, stamp: fileStamp(path)! };
  };
  // Declarations land while esbuild still compiles the JavaScript in its own process
  // (creating files is most of a cold build's time on a slow disk).
  if (!fellBack) for (const c of compiled) for (const [rel, text] of c.texts) put(c.rel, rel, text);

  const byOutput = new Map<string, Map<string, string>>();
  for (const c of compiled) byOutput.set(outputsOf(c.rel).esm, c.texts);
  for (const out of await javascript) {
    const rel = relative(distDir, out.path).split('\\').join('/');
    const texts = byOutput.get(rel);
    if (!texts) throw new GeneratorError(`esbuild wrote an unexpected file ${rel}`, { file: srcDir });
    texts.set(rel, out.text);
  }

  const files: Record<string, SourceEntry> = {};
  const fresh = new Map(compiled.map((c) => [c.rel, c]));
  for (const s of sources) {
    const c = fresh.get(s.rel);
    if (!c) {
      // Unchanged since the last build, which recorded it.
      files[s.rel] = previous[s.rel]!;
      continue;
    }
    for (const [rel, text] of c.texts) if (!written.get(s.rel)?.[rel]) put(s.rel, rel, text);
    files[s.rel] = { source: s.hash, outputs: written.get(s.rel) ?? {} };
  }
  const cjsPackage = join(distDir, 'cjs/package.json');
  const cjsPackageText = JSON.stringify({ type: 'commonjs' }, null, 2) + '\n';
  if (!fileStamp(cjsPackage) || readFileSync(cjsPackage, 'utf8') !== cjsPackageText) writeOutput(cjsPackage, cjsPackageText, madeDirs);

  onModulesWritten?.();
  // The CommonJS bundle, made from the ES modules just written: a change to types alone reuses it.
  const cjs = await resolvePart(pkgDir, distDir, {
    name: 'client:cjs',
    options: { entryPoints: [join(distDir, 'index.js')], outfile: join(distDir, CJS_BUNDLE), bundle: true, format: 'cjs', platform: 'neutral', target: 'es2022' },
  });
  const cjsText = cjs.files.get(CJS_BUNDLE);
  if (cjsText === undefined) throw new GeneratorError('esbuild did not write the CommonJS bundle', { file: srcDir });
  if (cjs.built) writeOutput(join(distDir, CJS_BUNDLE), typeof cjsText === 'string' ? cjsText : Buffer.from(cjsText).toString('utf8'), madeDirs);
  recordPart(pkgDir, distDir, cjs);

  // Outputs of sources that no longer exist go.
  const expected = new Set(['cjs/package.json', CJS_BUNDLE]);
  for (const s of sources) for (const rel of Object.values(outputsOf(s.rel))) expected.add(rel);
  for (const full of listFiles(distDir, () => true)) {
    if (!expected.has(relative(distDir, full).split('\\').join('/'))) rmSync(full, { force: true });
  }
  // After a fallback the JS of unchanged files was not recompiled, but its record still holds.
  if (fellBack) dropManifest(pkgDir, 'client');
  else writeManifest<ClientManifest>(pkgDir, 'client', { files });

  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { main?: string; types?: string; module?: string };
  for (const entry of [pkg.main, pkg.types, pkg.module]) {
    if (entry && !fileStamp(join(pkgDir, entry))) {
      throw new GeneratorError(`built client is missing ${entry}`, { file: join(pkgDir, 'package.json') });
    }
  }
  return { compiled: stale.length, sources: sources.length, fallbackReason };
}
