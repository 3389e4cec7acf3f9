/**
 * Bundles the generated CLI into `bin/<bin>.js`: one file holding the runtime
 * (parsing, validation, help), beside `bin/commands.json` (the command table,
 * minified, read and parsed at start), `bin/lib/client.js` (the generated
 * client, bundled from its built `../client/dist`) and `bin/lib/yaml.js`,
 * the last two loaded only when needed. The packed tarball therefore needs no
 * dependencies. Cold start is what a CLI is judged by, so the start-up file
 * holds only what every command runs.
 *
 * The table is a plain file rather than a string inside the start-up file: a
 * change to it rebuilds no bundle, the build never hands megabytes of JSON
 * through esbuild, and Node reads it faster than V8 scans it inside a script.
 * Each of the three bundles is a cached part (see parts.ts): a change to the
 * client's JavaScript rebuilds only lib/client.js, and a change to its types
 * nothing; lib/yaml.js, which holds npm code only, is shared by every package
 * (see shared.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { GeneratorError } from '../errors.js';
import { clientBinOptions, nodeCjsBundle } from './client-bin.js';
import { assembleBin, minifiedTable, toolRoot, type AssembleResult, type BundlePart } from './parts.js';

interface CliPackageJson {
  bin?: Record<string, string>;
}

/** The command table as the bin ships it, beside its start-up file. */
const TABLE_FILE = 'commands.json';

/**
 * `commands.json` → a module whose default export is the text of
 * bin/commands.json, read at start: the entry parses it (JSON.parse of one
 * string beats parsing an object literal). A virtual module, so the bundle's
 * cache key does not depend on the table's contents.
 */
const tableFromFile: Plugin = {
  name: 'command-table-from-file',
  setup(b) {
    b.onResolve({ filter: /[\\/]commands\.json$|^\.\/commands\.json$/ }, () => ({ path: TABLE_FILE, namespace: 'cli-command-table' }));
    b.onLoad({ filter: /.*/, namespace: 'cli-command-table' }, () => ({
      contents: `import { readFileSync } from 'node:fs';\nimport { join } from 'node:path';\nexport default readFileSync(join(__dirname, '${TABLE_FILE}'), 'utf8');`,
      loader: 'js',
      resolveDir: toolRoot,
    }));
  },
};

/**
 * Shared esbuild settings (client-bin.ts): the bundles are CommonJS although the
 * sources are ESM, since the package only ships a bin.
 */
const common = nodeCjsBundle;

/** The lazily loaded parts become separate files, required relative to the bin. */
function lazyParts(clientName: string): Plugin {
  const bySpecifier = new Map([
    [clientName, './lib/client.js'],
    ['yaml', './lib/yaml.js'],
  ]);
  return {
    name: `lazy-parts:${clientName}`,
    setup(b) {
      // Only these specifiers cross into JavaScript: a catch-all filter would make every import of the
      // bundle wait for this thread, which is busy writing the client's declarations meanwhile.
      const exact = new RegExp(`^(?:${[...bySpecifier.keys()].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter: exact }, (args) => {
        const file = bySpecifier.get(args.path);
        return file ? { path: file, external: true } : undefined;
      });
    },
  };
}

/**
 * `lib/yaml.js`: only what the CLI uses of the YAML parser, so the bundle stays
 * small. It reads nothing of the package, so it is cached across packages
 * (also built by `npm install`, see warm.ts).
 */
export function cliYamlPart(pkgDir: string, binDir: string): BundlePart {
  return {
    name: 'cli:yaml',
    options: { ...common, stdin: { contents: "export { isMap, isScalar, isSeq, parse, parseDocument, stringify } from 'yaml';", resolveDir: pkgDir, loader: 'js' }, outfile: join(binDir, 'lib/yaml.js') },
    shared: { copy: [] },
  };
}

/**
 * Three bundles rather than esbuild code splitting: the start-up file loads
 * alone (help, parsing, validation), `lib/client.js` only when a command
 * runs, `lib/yaml.js` only for YAML. Fewer module files is measurably faster
 * to start than many small shared chunks.
 *
 * `clientBuilt` (default: the client is already built) is awaited only before
 * the client part, so the other parts build alongside the client. `emitted`:
 * the package's files (by path below `pkgDir`) as generate just wrote them,
 * read from there instead of from disk.
 */
export async function buildCli(pkgDir: string, clientBuilt: Promise<unknown> = Promise.resolve(), emitted?: ReadonlyMap<string, string>): Promise<AssembleResult> {
  const pkgPath = join(pkgDir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as CliPackageJson;
  const [binName, binPath] = Object.entries(pkg.bin ?? {})[0] ?? [];
  if (!binName || !binPath) throw new GeneratorError('the CLI package.json has no bin entry', { file: pkgPath });
  const binDir = resolve(pkgDir, posix.dirname(binPath));
  const clientDir = resolve(pkgDir, '../client');
  const clientPkgPath = join(clientDir, 'package.json');
  if (!existsSync(clientPkgPath)) throw new GeneratorError('the CLI bundles the client, but there is no generated client beside it', { file: clientPkgPath }, 'run `npm run generate` first');
  const clientEntry = join(clientDir, 'dist/index.js');
  const afterClient = async () => {
    await clientBuilt;
    if (!existsSync(clientEntry)) throw new GeneratorError('the CLI bundles the built client, but it is not built', { file: clientEntry }, 'build the client first (`npm run build`)');
  };
  const clientName = (JSON.parse(readFileSync(clientPkgPath, 'utf8')) as { name: string }).name;
  const parts: BundlePart[] = [
    // The client's error class names (NotFoundError, …) appear in the CLI's messages.
    { name: 'cli:client', options: clientBinOptions(clientEntry, join(binDir, 'lib/client.js')), after: afterClient },
    cliYamlPart(pkgDir, binDir),
    {
      name: 'cli:main',
      options: {
        ...common,
        entryPoints: [join(pkgDir, 'src/index.ts')],
        outfile: join(pkgDir, binPath),
        banner: { js: '#!/usr/bin/env node' },
        plugins: [tableFromFile, lazyParts(clientName)],
      },
    },
  ];
  const tablePath = join(pkgDir, 'src', TABLE_FILE);
  if (!existsSync(tablePath)) throw new GeneratorError('missing CLI command table', { file: tablePath }, 'run `npm run generate` first');
  return assembleBin(pkgDir, binDir, parts, () => new Map([[TABLE_FILE, minifiedTable(tablePath, emitted?.get(`src/${TABLE_FILE}`))]]), posix.relative(posix.dirname(binPath), binPath));
}
