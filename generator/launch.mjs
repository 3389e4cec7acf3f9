#!/usr/bin/env node
/**
 * Runs the generator as plain JavaScript. `npm run import|generate|check|diff|build`
 * call this file, which imports one esbuild bundle of generator/main.ts kept in
 * node_modules/.cache/openapi-tri-gen/ (outside the committed tree). `npm install`
 * and `npm ci` build it (`prepare`); when any of its sources changed since (a
 * developer's edit, a checkout, an install), the next run rebuilds it first, in
 * about a quarter of a second. A fresh bundle costs one stat per source file.
 *
 * usage: node generator/launch.mjs <command> [options]   (see generator/main.ts)
 *        node generator/launch.mjs --bundle               (build the bundle only)
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(toolRoot, 'node_modules/.cache/openapi-tri-gen');
const bundleFile = join(cacheDir, 'generator.mjs');
const stampFile = join(cacheDir, 'generator.stamp.json');
const entry = join(toolRoot, 'generator/main.ts');

/**
 * Packages left outside the bundle: native or binary-backed ones, and large ones
 * loaded only on rare paths (TypeScript for the declaration fallback, the
 * external-$ref bundler).
 */
const EXTERNAL = ['esbuild', 'oxc-transform', 'typescript', '@apidevtools/json-schema-ref-parser'];

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

async function buildBundle() {
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${bundleFile}.tmp-${process.pid}`;
  const result = await build({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages (handlebars) may call require().
    banner: { js: "import { createRequire as __trigenRequire } from 'node:module'; const require = __trigenRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'silent',
    plugins: [keepSourceUrls],
  });
  // Inputs inside node_modules change only through an install, which the lockfile records.
  const files = Object.keys(result.metafile.inputs)
    .map((input) => relative(toolRoot, resolve(toolRoot, input)).split('\\').join('/'))
    .filter((file) => !file.includes('node_modules/'));
  files.push('package-lock.json', 'generator/launch.mjs');
  renameSync(temp, bundleFile);
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
