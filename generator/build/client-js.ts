/**
 * The client's ES modules compiled ahead, from the emitted text in memory:
 * `generate` starts this as soon as the client is emitted, so esbuild (its
 * own process) compiles while this one emits the CLI and the MCP server,
 * instead of afterwards while this one waits. `buildClient` then takes the
 * result for every source whose bytes (hash) and tsconfig text are the ones
 * compiled here, and compiles the rest itself, so the output is the same
 * bytes either way. Any failure here is dropped: the build compiles those
 * files again and reports the error with its own message.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { contentHash } from './cache.js';

/** ES module options of the client build; `buildClient` compiles with the same ones. */
export function clientJsOptions(srcDir: string, distDir: string) {
  return { outbase: srcDir, outdir: distDir, bundle: false, format: 'esm', platform: 'neutral', target: 'es2022', write: false, logLevel: 'silent' } as const;
}

/** dist-relative path of a source's ES module. */
export function esmOf(rel: string): string {
  return rel.replace(/\.ts$/, '.js');
}

export interface PrecompiledJs {
  /** The tsconfig.json text the files were compiled with. */
  tsconfig: string;
  /** src-relative path → hash of the source compiled and its JavaScript. */
  files: Map<string, { hash: string; js: string }>;
}

/**
 * The compile runs in a worker thread with its own esbuild service: the
 * sources come from memory through a plugin, whose callbacks must not wait
 * for this thread (busy emitting the other surfaces).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { build } = require(workerData.esbuild);
const byPath = new Map(workerData.sources);
const fromMemory = {
  name: 'emitted-client-sources',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'entry-point' && byPath.has(a.path) ? { path: a.path } : undefined));
    b.onLoad({ filter: /.*/ }, (a) => (byPath.has(a.path) ? { contents: byPath.get(a.path), loader: 'ts' } : undefined));
  },
};
build({ ...workerData.options, entryPoints: [...byPath.keys()], plugins: [fromMemory] }).then(
  (r) => parentPort.postMessage((r.outputFiles || []).map((o) => [o.path, o.text])),
  () => parentPort.postMessage(undefined),
);
`;

/**
 * Compile `sources` (src-relative path → text) of the client package in
 * `pkgDir` as they will be written. Resolves to undefined when esbuild fails.
 */
export function precompileClientJs(pkgDir: string, sources: Map<string, string>, tsconfig: string): Promise<PrecompiledJs | undefined> {
  if (sources.size === 0) return Promise.resolve(undefined);
  const srcDir = join(pkgDir, 'src');
  const distDir = join(pkgDir, 'dist');
  const options = { ...clientJsOptions(srcDir, distDir), tsconfigRaw: tsconfig };
  return new Promise<Array<[string, string]> | undefined>((done) => {
    try {
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: { esbuild: createRequire(import.meta.url).resolve('esbuild'), options, sources: [...sources].map(([rel, text]) => [join(srcDir, rel), text]) },
      });
      worker.unref();
      worker.once('message', (outputs: Array<[string, string]> | undefined) => {
        done(outputs);
        void worker.terminate();
      });
      worker.once('error', () => done(undefined));
      worker.once('exit', () => done(undefined));
    } catch {
      done(undefined);
    }
  }).then((outputs) => {
    if (!outputs || outputs.length !== sources.size) return undefined;
    const byPath = new Map(outputs);
    const files = new Map<string, { hash: string; js: string }>();
    for (const [rel, text] of sources) {
      const js = byPath.get(join(distDir, esmOf(rel)));
      // An output elsewhere than the build would put it: use none of them.
      if (js === undefined) return undefined;
      files.set(rel, { hash: contentHash(text), js });
    }
    return { tsconfig, files };
  });
}
