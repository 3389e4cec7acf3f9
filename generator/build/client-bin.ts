/**
 * The generated client as the CLI and the MCP server ship it in their bins:
 * one CommonJS file (`lib/client.js` in the CLI, `lib/client.cjs` in the
 * MCP package, whose `.js` files are ES modules), bundled from the client's
 * built `dist/`, minified, with class names kept (the client's error names
 * show in CLI messages and tool results). ES modules import it by name
 * (esbuild's CommonJS output lists its exports for Node's scan).
 *
 * Both bins use these options, so parts.ts builds it once per generate and
 * writes the same bytes to both (it shares builds whose options differ only
 * in `outfile`).
 */
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { toolRoot } from './cache.js';

/**
 * A CommonJS bundle for Node, minified: the CLI's parts and the bins' client.
 * CommonJS although the sources are ESM: a CommonJS entry skips Node's ESM
 * loader start-up (about 6 ms, a tenth of bare `node -e ''`); lazy parts load
 * with a synchronous require() behind the same `import()` calls. Packages come
 * from the generator's own node_modules, wherever the package was generated.
 */
export const nodeCjsBundle: BuildOptions = {
  bundle: true,
  format: 'cjs',
  supported: { 'dynamic-import': false },
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  nodePaths: [join(toolRoot, 'node_modules')],
};

export function clientBinOptions(clientEntry: string, outfile: string): BuildOptions {
  return { ...nodeCjsBundle, entryPoints: [clientEntry], outfile, keepNames: true };
}
