/**
 * The openapi-mcp-generator peer: generate its server for the same 119 admin
 * operations (the newest document filtered to /organization/** and
 * /projects/**), or for the whole document, then bundle it with esbuild so it
 * runs offline. axios and
 * dotenv are not installed here and are never used by tools/list, so they are
 * replaced by tiny shims (this can only make the peer start faster).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { benchDir, scratch } from './paths.js';
import type { ServerCommand } from './mcp.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export type PeerScope = 'admin' | 'all';

/** Write the admin-scope slice (or all) of a JSON OpenAPI document; returns its path and operation count. */
export function writeAdminSlice(jsonPath: string, outDir: string, scope: PeerScope = 'admin'): { path: string; operations: number } {
  const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const paths: Record<string, Record<string, unknown>> = {};
  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (scope === 'admin' && !/^\/(organization|projects)(\/|$)/.test(path)) continue;
    paths[path] = item;
    operations += METHODS.filter((m) => item[m]).length;
  }
  doc.paths = paths;
  const out = join(outDir, `${scope}-slice.json`);
  writeFileSync(out, JSON.stringify(doc));
  return { path: out, operations };
}

export async function preparePeerServer(jsonPath: string, scope: PeerScope = 'admin'): Promise<{ server: ServerCommand; operations: number; generateMs: number }> {
  const dir = scratch(scope === 'admin' ? 'mcp-peer' : `mcp-peer-${scope}`);
  const slice = writeAdminSlice(jsonPath, dir, scope);
  const require = createRequire(import.meta.url);
  const pkgDir = require.resolve('openapi-mcp-generator/package.json').replace(/package\.json$/, '');
  const started = performance.now();
  execFileSync(process.execPath, [join(pkgDir, 'bin/openapi-mcp-generator.js'), '--input', slice.path, '--output', join(dir, 'out'), '--force'], {
    stdio: 'pipe',
  });
  const generateMs = performance.now() - started;
  const outfile = join(dir, 'build/index.mjs');
  await build({
    entryPoints: [join(dir, 'out/src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    external: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*', 'zod', 'zod/*', 'json-schema-to-zod'],
    plugins: [
      {
        name: 'bench-shims',
        setup(b) {
          b.onResolve({ filter: /^(axios|dotenv)$/ }, (args) => ({ path: join(benchDir, `fixtures/shims/${args.path}.mjs`) }));
        },
      },
    ],
  });
  return {
    server: { command: process.execPath, args: [outfile], env: { API_BASE_URL: 'http://127.0.0.1:9/v1' } },
    operations: slice.operations,
    generateMs,
  };
}
