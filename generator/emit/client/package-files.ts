/**
 * package.json and tsconfig.json of the generated client. The package is
 * ESM-first with a CommonJS build beside it (dist/cjs, one bundle, marked by
 * its own package.json); `exports` points each condition at its own types,
 * for the entry and for every module below it.
 */
import { prettyJson } from '../layout/json.js';
import type { NormalizedSpec } from '../../ir/types.js';
import { GENERATED_NOTICE, JSON_NOTICE_KEY } from '../header.js';
import { packageVersion, publishMetadata } from '../release-files.js';

/** `deepPaths`: openai-node's deep import paths that are no module of their own (subpaths.ts), → the file under `src/`. */
export function emitPackageJson(spec: NormalizedSpec, deepPaths: ReadonlyMap<string, string> = new Map()): string {
  // For CommonJS, every deep path is the entry (no `*` in a pattern's target), which exports every type and runtime
  // value a deep path would, from one instance (a second copy of `Stream` would fail `instanceof`), where a CommonJS
  // file per module would double the files a cold build writes.
  const require = { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' };
  const esm = (file: string) => ({ types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` });
  // Each with its `.js` twin (`<pkg>/resources/chat.js`, `<pkg>/streaming.js`), which the `./*.js` pattern would send to no file.
  const deep = Object.fromEntries(
    [...deepPaths].flatMap(([path, file]) => {
      const target = { import: esm(file.replace(/\.ts$/, '')), require };
      return [[`./${path}`, target], [`./${path}.js`, target]];
    }),
  );
  const pkg = {
    [JSON_NOTICE_KEY]: GENERATED_NOTICE,
    name: spec.packages.client,
    version: packageVersion(spec, 'client'),
    description: `TypeScript client for the ${spec.info.title}`,
    type: 'module',
    main: './dist/cjs/index.js',
    module: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
      },
      // Deep imports as openai-node's users write them: `<pkg>/resources/chat`, `<pkg>/streaming`, and any module.
      ...deep,
      './*.js': { import: esm('*'), require },
      './*': { import: esm('*'), require },
      './package.json': './package.json',
    },
    files: ['dist', 'README.md', 'CHANGELOG.md', 'api.md'],
    sideEffects: false,
    engines: { node: '>=18' },
    ...publishMetadata(spec, 'client'),
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** Strict settings that need no @types packages: fetch, Headers, Response come from the DOM lib. */
export const CLIENT_COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  types: [] as string[],
  strict: true,
  declaration: true,
  skipLibCheck: true,
  rootDir: 'src',
  outDir: 'dist',
};

export function emitTsconfig(): string {
  return prettyJson({ [JSON_NOTICE_KEY]: GENERATED_NOTICE, compilerOptions: CLIENT_COMPILER_OPTIONS, include: ['src/**/*.ts'] });
}
