#!/usr/bin/env node
/**
 * Runs the generator as plain JavaScript. `npm run import|generate|check|diff|build`
 * call this file, which imports one esbuild bundle of generator/main.ts kept in
 * node_modules/.cache/openapi-tri-gen/ (outside the committed tree). `npm install`
 * and `npm ci` build it (`prepare`); when any of its sources changed since (a
 * developer's edit, a checkout, an install), the next run rebuilds it first, in
 * about a quarter of a second. A fresh bundle costs one stat per source file.
 * Each command's code is a chunk of its own (loaded by main.ts's `import()`),
 * so `generate` does not load the importer or the differ, nor `import` the
 * emitters.
 *
 * usage: node generator/launch.mjs <command> [options]   (see generator/main.ts)
 *        node generator/launch.mjs --bundle               (build the bundle only)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(toolRoot, 'node_modules/.cache/openapi-tri-gen');
const bundleFile = join(cacheDir, 'generator.mjs');
const stampFile = join(cacheDir, 'generator.stamp.json');
const entry = join(toolRoot, 'generator/main.ts');
/** Worker-thread entries (generator/commands/workers.ts), bundled beside the entry as <name>.mjs. */
const workerEntries = {
  'emit-worker': join(toolRoot, 'generator/commands/emit-worker.ts'),
  'typecheck-worker': join(toolRoot, 'generator/commands/typecheck-worker.ts'),
};

/**
 * Packages left outside the bundle: native or binary-backed ones, and large ones
 * loaded only on rare paths (TypeScript for the declaration fallback and the
 * type-check, ts-morph for the API report, the external-$ref bundler, the
 * Swagger 2.0 converter).
 */
const EXTERNAL = ['esbuild', 'oxc-transform', 'typescript', 'ts-morph', '@apidevtools/json-schema-ref-parser', '@scalar/openapi-upgrader'];

/** What a source file is compared by: its size and modification time. */
function fingerprint(file) {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}

/** True when the stamp lists every input of the bundle with the fingerprint it has now. */
function bundleIsFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.toolRoot !== toolRoot || fingerprint(bundleFile) !== stamp.bundle) return false;
  for (const [file, print] of Object.entries(stamp.inputs)) {
    if (fingerprint(join(toolRoot, file)) !== print) return false;
  }
  return true;
}

/**
 * `import.meta.url` in a bundled module would name the bundle; the generator's
 * modules locate runtime/ and templates/ relative to their own source file
 * (`fileURLToPath(import.meta.url)`), so each keeps the path of its source,
 * relative to the bundle. Strings such as the MCP bin's banner are left alone.
 */
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /[\\/]generator[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const use = 'fileURLToPath(import.meta.url)';
      if (!source.includes(use)) return undefined;
      const fromBundle = relative(cacheDir, args.path).split('\\').join('/');
      return { contents: source.replaceAll(use, `fileURLToPath(new URL(${JSON.stringify(fromBundle)}, import.meta.url))`), loader: 'ts' };
    });
  },
};

/** The emitters' Handlebars, with compiled templates cached across runs (generator/build/handlebars.ts). */
const cachedTemplates = {
  name: 'cached-templates',
  setup(build) {
    const wrapper = join(toolRoot, 'generator/build/handlebars.ts');
    build.onResolve({ filter: /^handlebars$/ }, (args) => (args.importer === wrapper ? undefined : { path: wrapper }));
  },
};

/** Chunks older than this that the new entry does not load go (a running command may still load older ones). */
const STALE_CHUNK_MS = 10 * 60 * 1000;

async function buildBundle() {
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    entryPoints: { generator: entry, ...workerEntries },
    outdir: cacheDir,
    // Beside the entry (not in a subfolder), so the source paths kept by keepSourceUrls hold in every chunk.
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages (handlebars) may call require().
    banner: { js: "import { createRequire as __trigenRequire } from 'node:module'; const require = __trigenRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'silent',
    plugins: [keepSourceUrls, cachedTemplates],
  });
  // Chunks first (named by their content, so never overwritten with other code), then the workers, then the entry.
  const entryOut = result.outputFiles.find((file) => file.path === bundleFile);
  if (!entryOut) throw new Error('esbuild wrote no generator.mjs');
  const written = new Set([bundleFile]);
  const isChunk = (path) => /^chunk-.*\.mjs$/.test(relative(cacheDir, path));
  for (const file of [...result.outputFiles].sort((a, b) => Number(isChunk(b.path)) - Number(isChunk(a.path)))) {
    written.add(file.path);
    if (file === entryOut || (isChunk(file.path) && existsSync(file.path))) continue;
    writeFileSync(`${file.path}.tmp-${process.pid}`, file.contents);
    renameSync(`${file.path}.tmp-${process.pid}`, file.path);
  }
  writeFileSync(`${bundleFile}.tmp-${process.pid}`, entryOut.contents);
  renameSync(`${bundleFile}.tmp-${process.pid}`, bundleFile);
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (/^chunk-.*\.mjs$/.test(name) && !written.has(path) && Date.now() - statSync(path).mtimeMs > STALE_CHUNK_MS) rmSync(path, { force: true });
  }
  // Inputs inside node_modules change only through an install, which the lockfile records.
  const files = Object.keys(result.metafile.inputs)
    .map((input) => relative(toolRoot, resolve(toolRoot, input)).split('\\').join('/'))
    .filter((file) => !file.includes('node_modules/'));
  files.push('package-lock.json', 'generator/launch.mjs');
  const inputs = Object.fromEntries([...new Set(files)].sort().map((file) => [file, fingerprint(join(toolRoot, file))]));
  writeFileSync(`${stampFile}.tmp-${process.pid}`, JSON.stringify({ toolRoot, bundle: fingerprint(bundleFile), inputs }, null, 1) + '\n');
  renameSync(`${stampFile}.tmp-${process.pid}`, stampFile);
}

const bundleOnly = process.argv[2] === '--bundle';
if (bundleOnly || !bundleIsFresh()) {
  try {
    await buildBundle();
  } catch (error) {
    // esbuild's message names the file and line of the syntax error.
    console.error(`error: cannot build the generator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
if (!bundleOnly) await import(pathToFileURL(bundleFile).href);
