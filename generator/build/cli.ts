/**
 * Bundles the generated CLI into `bin/<bin>.js`: one self-contained file
 * holding the runtime and the command table (as a single JSON string), plus
 * `bin/lib/client.js` (the generated client compiled from ../client/src) and
 * `bin/lib/yaml.js`, each loaded only when needed. The packed tarball
 * therefore needs no dependencies. Cold start is what a CLI is judged by, so
 * the start-up file holds only parsing, validation, help and the table.
 */
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { GeneratorError } from '../errors.js';

interface CliPackageJson {
  bin?: Record<string, string>;
}

/** `commands.json` → `export default "<minified JSON>"`: JSON.parse of one string beats parsing an object literal. */
const tableAsString: Plugin = {
  name: 'command-table-as-string',
  setup(b) {
    b.onLoad({ filter: /[\\/]commands\.json$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: `export default ${JSON.stringify(JSON.stringify(JSON.parse(text)))};`, loader: 'js' };
    });
  },
};

const nodeModules = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules');

/** Lazily imported parts, each bundled alone into bin/lib/ (bare specifier → file). */
function lazyParts(clientName: string, clientEntry: string): Array<{ specifier: string; file: string; entry: { contents?: string; path?: string } }> {
  return [
    { specifier: clientName, file: 'lib/client.js', entry: { path: clientEntry } },
    // Only what the CLI uses, so the bundle stays small.
    { specifier: 'yaml', file: 'lib/yaml.js', entry: { contents: "export { parse, stringify } from 'yaml';" } },
  ];
}

/**
 * Shared esbuild settings. The bundles are CommonJS although the sources are
 * ESM: the package only ships a bin, and a CommonJS entry skips Node's ESM
 * loader start-up (about 6 ms, a tenth of bare `node -e ''`). Lazy parts
 * load with a synchronous require() behind the same `import()` calls.
 */
const common = {
  bundle: true,
  format: 'cjs' as const,
  supported: { 'dynamic-import': false },
  platform: 'node' as const,
  target: 'node20',
  minify: true,
  legalComments: 'none' as const,
  // The YAML parser comes from the generator's own node_modules, wherever the package was generated.
  nodePaths: [nodeModules],
  logLevel: 'silent' as const,
};

function failed(errors: Array<{ text: string; location?: { file: string; line: number; column: number } | null }>): GeneratorError {
  const e = errors[0]!;
  return new GeneratorError(`esbuild failed: ${e.text}`, { file: e.location?.file, line: e.location?.line, column: e.location?.column });
}

/**
 * Three files rather than esbuild code splitting: the start-up file loads
 * alone (help, parsing, validation), `lib/client.js` only when a command
 * runs, `lib/yaml.js` only for YAML. Fewer module files is measurably faster
 * to start than many small shared chunks.
 */
export async function buildCli(pkgDir: string): Promise<void> {
  const pkgPath = join(pkgDir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as CliPackageJson;
  const [binName, binPath] = Object.entries(pkg.bin ?? {})[0] ?? [];
  if (!binName || !binPath) throw new GeneratorError('the CLI package.json has no bin entry', { file: pkgPath });
  const clientDir = resolve(pkgDir, '../client');
  const clientPkgPath = join(clientDir, 'package.json');
  if (!existsSync(clientPkgPath)) throw new GeneratorError('the CLI bundles the client, but there is no generated client beside it', { file: clientPkgPath }, 'run `npm run generate` first');
  const clientName = (JSON.parse(readFileSync(clientPkgPath, 'utf8')) as { name: string }).name;
  const outdir = join(pkgDir, 'bin');
  rmSync(outdir, { recursive: true, force: true });
  const parts = lazyParts(clientName, join(clientDir, 'src/index.ts'));
  const results = await Promise.all([
    ...parts.map((part) =>
      build({
        ...common,
        ...(part.entry.path ? { entryPoints: [part.entry.path] } : { stdin: { contents: part.entry.contents!, resolveDir: pkgDir, loader: 'js' as const } }),
        outfile: join(outdir, part.file),
        // The client's error class names (NotFoundError, …) appear in the CLI's messages.
        keepNames: part.specifier === clientName,
      }),
    ),
    build({
      ...common,
      entryPoints: [join(pkgDir, 'src/index.ts')],
      outfile: join(pkgDir, binPath),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [
        tableAsString,
        {
          // The lazy parts stay separate files, imported relative to the bin.
          name: 'lazy-parts',
          setup(b) {
            const bySpecifier = new Map(parts.map((p) => [p.specifier, p.file]));
            b.onResolve({ filter: /.*/ }, (args) => {
              const file = bySpecifier.get(args.path);
              return file ? { path: `./${file}`, external: true } : undefined;
            });
          },
        },
      ],
    }),
  ]);
  for (const r of results) if (r.errors.length > 0) throw failed(r.errors);
  const out = join(pkgDir, binPath);
  if (!existsSync(out)) throw new GeneratorError(`the CLI build did not produce ${binPath}`, { file: pkgPath });
  chmodSync(out, 0o755);
}
