/**
 * `npm install` / `npm ci` (`prepare`) builds the spec-independent bin parts
 * (the MCP server runtime with the SDK, the CLI's YAML parser) into the shared
 * cache (see shared.ts), so a maintainer's first generate after an install
 * finds them instead of bundling the same npm code again. They are built from
 * a skeleton package holding what a generated package holds of them: the
 * runtime copied the way the emitters copy it, the MCP tsconfig.json and the
 * module type of each package.json template. The skeleton is removed
 * afterwards: the cache keys name content, not folders. If this step fails or
 * its result goes stale (an edit to runtime/, another install), generate
 * builds the parts itself, as before.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeHeader } from '../emit/header.js';
import { emitTsconfig as mcpTsconfig } from '../emit/mcp/index.js';
import { copiedRuntime } from '../emit/runtime-files.js';
import { buildCacheDir, toolRoot } from './cache.js';
import { cliYamlPart } from './cli.js';
import { mcpRuntimePart } from './mcp.js';
import { resolvePart, type BundlePart } from './parts.js';

/** The `type` a surface's package.json template declares. */
function templateModuleType(surface: 'cli' | 'mcp'): string {
  const template = readFileSync(join(toolRoot, 'templates', surface, 'package.json.hbs'), 'utf8');
  return /"type":\s*"(\w+)"/.exec(template)?.[1] ?? 'commonjs';
}

function writeFiles(dir: string, files: Map<string, string>): void {
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

export interface WarmResult {
  /** Parts bundled now. */
  built: string[];
  /** Parts already in the cache. */
  cached: string[];
}

/** Builds (or finds) every spec-independent part in the shared cache. */
export async function warmSharedParts(): Promise<WarmResult> {
  const skeleton = join(buildCacheDir, `../skeleton-${process.pid}`);
  rmSync(skeleton, { recursive: true, force: true });
  try {
    const mcpDir = join(skeleton, 'mcp');
    const mcpFiles = copiedRuntime('mcp', 'src/runtime', codeHeader('skeleton'));
    mcpFiles.set('tsconfig.json', mcpTsconfig());
    mcpFiles.set('package.json', JSON.stringify({ type: templateModuleType('mcp') }));
    writeFiles(mcpDir, mcpFiles);
    const cliDir = join(skeleton, 'cli');
    writeFiles(cliDir, new Map([['package.json', JSON.stringify({ type: templateModuleType('cli') })]]));
    // Generated packages keep their bins in bin/ (the options, and so the cache keys, name it).
    const parts: Array<[string, BundlePart]> = [
      [mcpDir, mcpRuntimePart(mcpDir, join(mcpDir, 'bin'))],
      [cliDir, cliYamlPart(cliDir, join(cliDir, 'bin'))],
    ];
    const resolved = await Promise.all(parts.map(([dir, part]) => resolvePart(dir, join(dir, 'bin'), part)));
    return { built: resolved.filter((p) => p.built).map((p) => p.name), cached: resolved.filter((p) => !p.built).map((p) => p.name) };
  } finally {
    rmSync(skeleton, { recursive: true, force: true });
  }
}
