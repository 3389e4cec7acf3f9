#!/usr/bin/env node
/**
 * Runs the generator as plain JavaScript. `npm run import|generate|check|diff|build`
 * call this file, which runs one esbuild bundle of generator/main.ts kept in
 * node_modules/.cache/openapi-tri-gen/ (outside the committed tree). `npm install`
 * and `npm ci` build it (`prepare`); when any of its sources changed since (a
 * developer's edit, a checkout, an install), the next run rebuilds it first, in
 * about a quarter of a second. A fresh bundle costs one stat per source file.
 *
 * The bundle is CommonJS, run through `vm.Script` with a V8 code cache per
 * command (`generator.<command>.v8cache`, written by the first run of that
 * command with the functions it compiled; generator/run-cached.cjs, which the
 * worker threads use too): compiling the generator's code is
 * about a tenth of a run's CPU time, and Node 20 keeps no code cache for ES
 * modules. The commands' modules are bundled lazily (main.ts's `import()`), so
 * `generate` still runs none of the importer's code.
 *
 * usage: node generator/launch.cjs <command> [options]   (see generator/main.ts)
 *        node generator/launch.cjs --bundle               (build the bundle only)
 */
'use strict';
// CommonJS: Node starts an ES-module entry ~15 ms slower (its ESM loader), paid by every command.
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const toolRoot = resolve(__dirname, '..');
const cacheDir = join(toolRoot, 'node_modules/.cache/openapi-tri-gen');
const bundleFile = join(cacheDir, 'generator.cjs');
const stampFile = join(cacheDir, 'generator.stamp.json');
const entry = join(toolRoot, 'generator/main.ts');
/** Worker-thread entries (generator/commands/workers.ts), bundled beside the entry as <name>.cjs. */
const workerEntries = {
  'emit-worker': join(toolRoot, 'generator/commands/emit-worker.ts'),
  'typecheck-worker': join(toolRoot, 'generator/commands/typecheck-worker.ts'),
  'yaml-cache-worker': join(toolRoot, 'generator/load/yaml-cache-worker.ts'),
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

/** Files of the cache folder that an earlier layout of the launcher wrote (ES module chunks). */
const FORMER_OUTPUT = /^(chunk-.*|generator|emit-worker|typecheck-worker)\.mjs$/;

async function buildBundle() {
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    entryPoints: { generator: entry, ...workerEntries },
    outdir: cacheDir,
    outExtension: { '.js': '.cjs' },
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // The sources are ES modules; in the bundle `import.meta.url` names the bundle's file.
    define: { 'import.meta.url': '__trigenBundleUrl' },
    // "use strict" first: after another statement it would be no directive, and the sources are ES modules (strict).
    banner: { js: "'use strict';\nvar __trigenBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // generator/externals.ts's import() stays one (it runs only where launch.cjs lends it a loader).
    supported: { 'dynamic-import': true },
    metafile: true,
    logLevel: 'silent',
    plugins: [keepSourceUrls, cachedTemplates],
  });
  // The workers first, the entry last: a run that sees the new entry finds its workers.
  const entryOut = result.outputFiles.find((file) => file.path === bundleFile);
  if (!entryOut) throw new Error('esbuild wrote no generator.cjs');
  for (const file of [...result.outputFiles.filter((f) => f !== entryOut), entryOut]) {
    writeFileSync(`${file.path}.tmp-${process.pid}`, file.contents);
    renameSync(`${file.path}.tmp-${process.pid}`, file.path);
  }
  for (const name of readdirSync(cacheDir)) {
    // Code caches of the old bundle would only be rejected; the former layout's files are unused.
    if (name.endsWith('.v8cache') || FORMER_OUTPUT.test(name)) rmSync(join(cacheDir, name), { force: true });
  }
  // Inputs inside node_modules change only through an install, which the lockfile records.
  const files = Object.keys(result.metafile.inputs)
    .map((input) => relative(toolRoot, resolve(toolRoot, input)).split('\\').join('/'))
    .filter((file) => !file.includes('node_modules/'));
  files.push('package-lock.json', 'generator/launch.cjs');
  const inputs = Object.fromEntries([...new Set(files)].sort().map((file) => [file, fingerprint(join(toolRoot, file))]));
  writeFileSync(`${stampFile}.tmp-${process.pid}`, JSON.stringify({ toolRoot, bundle: fingerprint(bundleFile), inputs }, null, 1) + '\n');
  renameSync(`${stampFile}.tmp-${process.pid}`, stampFile);
}

/** Run the bundle as the main module, from the V8 code cache of this command (generator/run-cached.cjs). */
function runBundle(command) {
  const { runCached } = require('./run-cached.cjs');
  const name = (command ?? '').replace(/^__/, '');
  runCached(bundleFile, join(cacheDir, `generator.${/^[a-z][a-z-]*$/.test(name) ? name : 'other'}.v8cache`));
}

/**
 * `import`, `generate` and `build` go to the project's generator daemon when
 * one can take them (generator/daemon/client.cjs); `daemon status|stop` talks
 * to it. Resolves true when the command was handled there.
 */
async function runElsewhere(command, args) {
  const client = require('./daemon/client.cjs');
  if (command === 'daemon') {
    process.exitCode = await client.daemonControl({ toolRoot, args });
    return true;
  }
  if (!client.daemonWanted(command, args, process.env)) return false;
  const code = await client.runInDaemon({ toolRoot, launcher: __filename, bundle: fingerprint(bundleFile), argv: [command, ...args] });
  if (code === undefined) return false;
  process.exitCode = code;
  return true;
}

async function main() {
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
  // The bundle's import() of an ES-module-only external, on a Node that cannot require() it (generator/externals.ts).
  globalThis.__trigenImport = (specifier) => import(specifier);
  if (!bundleOnly && !(await runElsewhere(process.argv[2], process.argv.slice(3)))) runBundle(process.argv[2]);
}

void main();
