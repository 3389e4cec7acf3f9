/**
 * Builds the generated MCP package into `bin/`, so the packed tarball needs no
 * dependencies:
 * - `<bin>.js`: the start-up file, the package's `src/index.ts` alone; it
 *   imports the server runtime from `lib/server.js`;
 * - `lib/server.js` (+ `chunks/`): the server runtime and the MCP SDK, one
 *   esbuild bundle that does not depend on the spec (so it is cached across
 *   packages and targets, see shared.ts); code splitting keeps Ajv and the
 *   HTTP transport in chunks that load only when first needed;
 *   `THIRD-PARTY-LICENSES.txt` lists the npm code in it;
 * - `tools.json`: the tool table, read at start-up (JSON.parse beats parsing
 *   the same table as a JavaScript literal);
 * - `lib/client.js`: the generated client, bundled from its built
 *   `../client/dist` and imported on the first tool call.
 *
 * The parts are cached (see parts.ts): a changed tool table or client rebuilds
 * neither the runtime bundle nor the other part.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { GeneratorError } from '../errors.js';
import { clientBinOptions } from './client-bin.js';
import { assembleBin, minifiedTable, toolRoot, type AssembleResult, type BundlePart } from './parts.js';

/**
 * The bundle copies code from npm packages (MCP SDK, zod, ajv…): their license
 * texts ship next to it, one section per package, sorted.
 */
function thirdPartyLicenses(inputs: string[]): string {
  const packages = new Map<string, string>();
  for (const input of inputs) {
    // The package folder right after the last node_modules/ (npm names never start with a dot, the cache's .cache/ does).
    const match = /^(.*node_modules\/(?:@[^/.][^/]*\/)?[^/.][^/]*)\//.exec(input.split('\\').join('/'));
    if (match) packages.set(match[1]!, resolve(toolRoot, match[1]!));
  }
  const sections: string[] = [];
  for (const dir of [...new Set(packages.values())].sort()) {
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${meta.license ?? 'see package'}`;
    sections.push(`${meta.name}@${meta.version} (${meta.license ?? 'unknown'})\n\n${text}`);
  }
  return sections.join(`\n\n${'-'.repeat(72)}\n\n`) + '\n';
}

const TABLE_FILE = 'tools.json';
const CLIENT_FILE = 'lib/client.cjs';
const SERVER_FILE = 'lib/server.js';
/** The runtime's entry, relative to the package; the start-up file imports it as `./runtime/server.js`. */
const SERVER_SOURCE = 'src/runtime/server.ts';

/**
 * The start-up file holds the entry alone. The tool table is read from
 * `bin/tools.json` beside it (the entry imports it, so the code lands there
 * and `import.meta.url` names that file), the client is imported from
 * `bin/lib/client.js` (the entry's own `import()`), the runtime from
 * `bin/lib/server.js`. Any other import of the runtime would copy part of it
 * into the start-up file, beside the one in lib/server.js, so it is an error.
 */
const entryAlone: Plugin = {
  name: 'mcp-entry-alone',
  setup(b) {
    b.onResolve({ filter: /[\\/]client[\\/]src[\\/]index\.js$/ }, () => ({ path: `./${CLIENT_FILE}`, external: true }));
    b.onResolve({ filter: /^\.\/runtime\/server\.js$/ }, () => ({ path: `./${SERVER_FILE}`, external: true }));
    b.onResolve({ filter: /^\.\/(?:runtime|shared)\// }, (args) => ({
      errors: [{ text: `the MCP entry imports ${args.path}: it may use the runtime only through ./runtime/server.js (bundled on its own as bin/${SERVER_FILE})` }],
    }));
    // A virtual module, so the bundle's cache key does not depend on the table's contents.
    b.onResolve({ filter: /[\\/]tools\.json$/ }, () => ({ path: TABLE_FILE, namespace: 'mcp-tool-table' }));
    b.onLoad({ filter: /.*/, namespace: 'mcp-tool-table' }, () => ({
      contents: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(new URL('./${TABLE_FILE}', import.meta.url), 'utf8'));`,
      loader: 'js',
      resolveDir: toolRoot,
    }));
  },
};

const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Error class names (APIError, NotFoundError…) show up in tool results.
  keepNames: true,
  // Dependencies resolve from the generator's node_modules at build time only.
  nodePaths: [join(toolRoot, 'node_modules')],
};

/**
 * The server runtime and the MCP SDK as `lib/server.js` + `chunks/`: the
 * spec-independent part, cached across packages (also built by `npm install`,
 * see warm.ts).
 */
export function mcpRuntimePart(pkgDir: string, binDir: string): BundlePart {
  return {
    name: 'mcp:runtime',
    options: {
      ...common,
      entryPoints: { [SERVER_FILE.replace(/\.js$/, '')]: join(pkgDir, SERVER_SOURCE) },
      outdir: binDir,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      // Some bundled CommonJS code calls require(); give ESM chunks one.
      banner: { js: "import{createRequire as __mcpCreateRequire}from'node:module';const require=__mcpCreateRequire(import.meta.url);" },
    },
    // The runtime reads only its own folder and the helpers it shares with the CLI (tsconfig.json: how esbuild reads TypeScript).
    shared: { copy: ['src/runtime', 'src/shared', 'tsconfig.json'] },
    extra: (result) => new Map([['THIRD-PARTY-LICENSES.txt', thirdPartyLicenses(Object.keys(result.metafile.inputs))]]),
  };
}

/**
 * `clientBuilt` (default: the client is already built) is awaited only before
 * the client part, so the SDK bundle builds alongside the client. `emitted`:
 * the package's files (by path below `pkgDir`) as generate just wrote them,
 * read from there instead of from disk.
 */
export async function buildMcp(pkgDir: string, clientBuilt: Promise<unknown> = Promise.resolve(), emitted?: ReadonlyMap<string, string>): Promise<AssembleResult> {
  const pkgPath = join(pkgDir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: Record<string, string> };
  const [binName, binPath] = Object.entries(pkg.bin ?? {})[0] ?? [];
  if (!binName || !binPath) throw new GeneratorError('the MCP package.json has no bin', { file: pkgPath });
  const entry = join(pkgDir, 'src/index.ts');
  if (!existsSync(entry)) throw new GeneratorError('missing MCP entry file', { file: entry }, 'run `npm run generate` first');
  const tablePath = join(pkgDir, 'src', TABLE_FILE);
  if (!existsSync(tablePath)) throw new GeneratorError(`missing MCP tool table`, { file: tablePath }, 'run `npm run generate` first');
  const clientEntry = resolve(pkgDir, '../client/dist/index.js');
  const afterClient = async () => {
    await clientBuilt;
    if (!existsSync(clientEntry)) throw new GeneratorError('the MCP server bundles the built client, but it is not built', { file: clientEntry }, 'build the client first (`npm run build`)');
  };
  const binDir = resolve(pkgDir, posix.dirname(binPath));
  const parts: BundlePart[] = [
    mcpRuntimePart(pkgDir, binDir),
    {
      name: 'mcp:main',
      options: { ...common, entryPoints: [entry], outfile: join(pkgDir, binPath), banner: { js: '#!/usr/bin/env node' }, plugins: [entryAlone] },
      extra: (result) => {
        const npm = Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/'));
        if (npm.length) throw new GeneratorError(`the MCP start-up file bundled npm code (${npm[0]}); it belongs in the runtime (bin/${SERVER_FILE}), whose licenses ship`, { file: entry });
        return new Map();
      },
    },
    { name: 'mcp:client', options: clientBinOptions(clientEntry, join(binDir, CLIENT_FILE)), after: afterClient },
  ];
  return assembleBin(pkgDir, binDir, parts, () => new Map([[TABLE_FILE, minifiedTable(tablePath, emitted?.get(`src/${TABLE_FILE}`))]]), posix.relative(posix.dirname(binPath), binPath));
}
