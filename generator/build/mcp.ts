/**
 * Builds the generated MCP package: one esbuild bundle in `bin/` holding the
 * server runtime, the tool table, the MCP SDK and the client source, so the
 * packed tarball needs no dependencies. Code splitting keeps the client, Ajv
 * and the HTTP transport in chunks that load only when first needed.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { GeneratorError } from '../errors.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The bundle copies code from npm packages (MCP SDK, zod, ajv…): their license
 * texts ship next to it, one section per package, sorted.
 */
function thirdPartyLicenses(inputs: string[]): string {
  const packages = new Map<string, string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split('\\').join('/'));
    if (match) packages.set(match[1]!, resolve(repoRoot, match[1]!));
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

export async function buildMcp(pkgDir: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const [binName, binPath] = Object.entries(pkg.bin ?? {})[0] ?? [];
  if (!binName || !binPath) throw new GeneratorError('the MCP package.json has no bin', { file: join(pkgDir, 'package.json') });
  const entry = join(pkgDir, 'src/index.ts');
  if (!existsSync(entry)) throw new GeneratorError('missing MCP entry file', { file: entry }, 'run `npm run generate` first');
  const outdir = join(pkgDir, dirname(binPath));
  // Build beside the old bin and swap, so a running server or test never sees a half-built bin.
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let result;
  try {
    result = await build({
      entryPoints: { [binName]: entry },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      minify: true,
      legalComments: 'none',
      // Error class names (APIError, NotFoundError…) show up in tool results.
      keepNames: true,
      chunkNames: 'chunks/[name]-[hash]',
      // Dependencies resolve from the repository's node_modules at build time only.
      nodePaths: [join(repoRoot, 'node_modules')],
      // Some bundled CommonJS code calls require(); give ESM chunks one.
      banner: { js: "#!/usr/bin/env node\nimport{createRequire as __mcpCreateRequire}from'node:module';const require=__mcpCreateRequire(import.meta.url);" },
      logLevel: 'warning',
      metafile: true,
    });
  } catch (error) {
    // Leave no half-built folder behind (`check` would report it).
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (result.errors.length) throw new GeneratorError(`esbuild failed for ${entry}`, { file: entry });
  chmodSync(join(staging, basename(binPath)), 0o755);
  writeFileSync(join(staging, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(Object.keys(result.metafile?.inputs ?? {})));
  const retired = `${outdir}.retired-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, retired);
  renameSync(staging, outdir);
  rmSync(retired, { recursive: true, force: true });
}
