/**
 * Compiles the generated client in place: `dist/` holds ESM `.js` and `.d.ts`,
 * `dist/cjs/` the CommonJS build (one bundled `index.js`, which CommonJS deep
 * imports resolve to as well: see package-files.ts) with its own copy of the
 * declarations and a `package.json` saying `"type": "commonjs"`.
 *
 * ES modules file by file (no bundling, so apps can tree-shake): oxc's
 * transformer writes the JavaScript and, from the same parse, the `.d.ts`
 * (its isolated-declarations emitter): native and in this process, a quarter
 * of a millisecond a file, where esbuild's transpile took some 1.5 ms a file
 * in its own process and `ts.transpileDeclaration` ~17 ms plus a second to
 * load TypeScript. A file that is not isolated-declarations clean makes the
 * declarations fall back to a full strict TypeScript program, which also
 * fails on any type error. `typecheckClient` is that full check on its own
 * (tests and `check` run it). esbuild makes the CommonJS bundle.
 *
 * Incremental: a file whose source bytes are the ones of the last build, and
 * whose outputs are still the files that build wrote, is skipped; outputs
 * whose bytes would not change are not rewritten (so the bundles built from
 * `dist/` see a types-only change as no change at all).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { setImmediate as giveWay } from 'node:timers/promises';
import { GeneratorError } from '../errors.js';
import { contentHash, dropManifest, fileStamp, filesUnder, readManifest, writeManifest } from './cache.js';
import { recordPart, resolvePart } from './parts.js';
import { typecheckClient } from './typescript.js';
import { compileModuleOnly, compileSource, dropCompiled, isCompiledSource, oxc, takeCompiled } from './client-compile.js';

export { typecheckClient };

/** The outputs of one source file, relative to dist/: ESM JS, declarations (twice, for ESM and CJS consumers). */
function outputsOf(rel: string): { esm: string; dts: string; cjsDts: string } {
  const base = rel.replace(/\.ts$/, '');
  return { esm: `${base}.js`, dts: `${base}.d.ts`, cjsDts: `cjs/${base}.d.ts` };
}

/** The CommonJS build: one file, for the entry and every deep path (package-files.ts), declarations beside it. */
const CJS_BUNDLE = 'cjs/index.js';

/**
 * Appended to the CommonJS bundle: `require('<pkg>')` is the client class
 * itself, as openai-node's CommonJS build gives it (`const OpenAI =
 * require('openai'); new OpenAI()`), with every named export on it too
 * (`.default`, `.APIError`…); `__esModule` keeps TypeScript's and bundlers'
 * default-import interop pointing at the same class.
 */
const CALLABLE_ENTRY = `
{
  const named = module.exports;
  const entry = named.default;
  for (const key of Object.keys(named)) {
    if (!(key in entry)) Object.defineProperty(entry, key, { enumerable: true, get: () => named[key] });
  }
  Object.defineProperty(entry, '__esModule', { value: true });
  module.exports = entry;
}
`;

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

/** oxc's first error in `file`, at its line and column. */
function transformFailure(pkgDir: string, file: string, text: string, error: { message: string; labels: Array<{ start: number }> }): GeneratorError {
  const at = error.labels[0]?.start;
  const before = at === undefined ? undefined : text.slice(0, at).split('\n');
  return new GeneratorError(`the generated client does not compile: ${error.message}`, {
    file,
    line: before?.length,
    column: before ? before[before.length - 1]!.length + 1 : undefined,
  }, `a generator or runtime fault (${relative(pkgDir, file)}); please report it`);
}

/** How long the compile loop may hold this thread before other callbacks run (ms). */
const YIELD_EVERY_MS = 10;

export interface ClientBuildResult {
  /** Source files compiled by this build (the others were unchanged). */
  compiled: number;
  /** Of those, the ones compiled while the emission waited for its worker (client-compile.ts). */
  compiledAhead: number;
  sources: number;
  /** Why the declarations came from a full tsc program (slow, and no incremental build next time). */
  fallbackReason?: string;
}

/**
 * `emitted`: files of the package (by path below `pkgDir`) as generate just
 * wrote them, read from there instead of from disk.
 *
 * `onModulesWritten` is called once `dist/`'s ES modules are all written (before
 * the CommonJS bundle): the CLI's and MCP server's client bundles, made from
 * them, start then.
 */
export async function buildClient(pkgDir: string, onModulesWritten?: () => void, emitted?: ReadonlyMap<string, string>): Promise<ClientBuildResult> {
  const srcDir = join(pkgDir, 'src');
  const distDir = join(pkgDir, 'dist');
  const sources = filesUnder(srcDir).filter(isCompiledSource).map((full) => {
    const text = emitted?.get(relative(pkgDir, full).split('\\').join('/')) ?? readFileSync(full, 'utf8');
    return { rel: relative(srcDir, full).split('\\').join('/'), full, text, hash: contentHash(text) };
  });
  const previous = readManifest<ClientManifest>(pkgDir, 'client')?.files ?? {};
  const isIntact = (entry: SourceEntry | undefined, hash: string) =>
    entry !== undefined && entry.source === hash && Object.entries(entry.outputs).every(([rel, out]) => fileStamp(join(distDir, rel)) === out.stamp);
  const stale = sources.filter((s) => !isIntact(previous[s.rel], s.hash));

  // Compile what changed: the ES module and its declarations from one oxc transform (the package's
  // tsconfig targets ES2022, as this does). If a file's declarations need type information, the whole
  // program's, checked, are used for every file. (oxc's async API measured no faster here: its thread
  // pool competes for the same two cores.)
  // Sources compiled while the emission waited for its worker (client-compile.ts) are not compiled again.
  const { transformSync } = await oxc();
  let compiled: Array<{ rel: string; hash: string; texts: Map<string, string> }> = stale.map((s) => ({ rel: s.rel, hash: s.hash, texts: new Map() }));
  let fellBack = false;
  let fallbackReason: string | undefined;
  // This thread gives way (lets pending callbacks run) now and then: the bins' other parts, started beside
  // this build, go to esbuild's process first, and their plugins' calls are answered while this compiles.
  await giveWay();
  let lastYield = performance.now();
  let compiledAhead = 0;
  for (const [i, s] of stale.entries()) {
    const out = outputsOf(s.rel);
    const texts = compiled[i]!.texts;
    const early = fellBack ? undefined : takeCompiled(s.full, s.hash);
    if (early) {
      compiledAhead++;
      texts.set(out.esm, early.code).set(out.dts, early.declaration).set(out.cjsDts, early.declaration);
      continue;
    }
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await giveWay();
      lastYield = performance.now();
    }
    const result = fellBack ? undefined : compileSource(transformSync, s.full, s.text);
    if (result && result.errors.length === 0) {
      texts.set(out.esm, result.code).set(out.dts, result.declaration ?? '').set(out.cjsDts, result.declaration ?? '');
      continue;
    }
    // The JavaScript alone: an error here is the source's own (syntax), else it was the declarations'.
    const code = compileModuleOnly(transformSync, s.full, s.text);
    if (code.errors.length > 0) throw transformFailure(pkgDir, s.full, s.text, code.errors[0]!);
    texts.set(out.esm, code.code);
    if (!fellBack) {
      fellBack = true;
      fallbackReason = `${relative(pkgDir, s.full)}: ${result!.errors[0]!.message}`;
    }
  }
  dropCompiled();
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
  // The ES modules first: the bundles made from them (this package's CommonJS build, the bins' client)
  // start in esbuild's process while the declarations are written here.
  for (const c of compiled) {
    const esm = outputsOf(c.rel).esm;
    const text = c.texts.get(esm);
    if (text !== undefined) put(c.rel, esm, text);
  }
  const cjsPackage = join(distDir, 'cjs/package.json');
  const cjsPackageText = JSON.stringify({ type: 'commonjs' }, null, 2) + '\n';
  if (!fileStamp(cjsPackage) || readFileSync(cjsPackage, 'utf8') !== cjsPackageText) writeOutput(cjsPackage, cjsPackageText, madeDirs);
  onModulesWritten?.();
  // The CommonJS bundle, made from the ES modules just written: a change to types alone reuses it.
  const bundled = resolvePart(pkgDir, distDir, {
    name: 'client:cjs',
    options: { entryPoints: [join(distDir, 'index.js')], outfile: join(distDir, CJS_BUNDLE), bundle: true, format: 'cjs', platform: 'neutral', target: 'es2022', footer: { js: CALLABLE_ENTRY } },
  });
  // Settled even if writing the declarations throws first, so a failed build leaves no unhandled rejection.
  bundled.catch(() => undefined);
  // Let this bundle and the bins' client bundles reach esbuild's process before the declarations are written.
  await giveWay();

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

  const cjs = await bundled;
  const cjsText = cjs.files.get(CJS_BUNDLE);
  if (cjsText === undefined) throw new GeneratorError('esbuild did not write the CommonJS bundle', { file: srcDir });
  if (cjs.built) writeOutput(join(distDir, CJS_BUNDLE), typeof cjsText === 'string' ? cjsText : Buffer.from(cjsText).toString('utf8'), madeDirs);
  recordPart(pkgDir, distDir, cjs);

  // Outputs of sources that no longer exist go.
  const expected = new Set(['cjs/package.json', CJS_BUNDLE]);
  for (const s of sources) for (const rel of Object.values(outputsOf(s.rel))) expected.add(rel);
  for (const full of filesUnder(distDir)) {
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
  return { compiled: stale.length, compiledAhead, sources: sources.length, fallbackReason };
}
