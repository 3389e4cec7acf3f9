/**
 * Provides built generated packages for the client, CLI and MCP measures.
 * Uses the repo's generated/openai-admin when all three are built; otherwise
 * (or with BENCH_FRESH=1) emits from the committed normalized spec into
 * .tmp/bench/generated/openai-admin and builds there, so the bench never
 * writes into generated/. Prints one JSON line: { dir, source, note }.
 * usage: node --import tsx bench/prepare.ts <out.json>
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstLine, optionalImport, repoGeneratedDir, repoRoot, scratchRoot } from './lib/paths.js';
import type { EmitAll } from './lib/generator.js';

const out = process.argv[2]!;
const REQUIRED = ['client/dist', 'cli/bin/openai-admin.js', 'mcp/bin/openai-admin-mcp.js'];
type Build = (dir: string) => Promise<void>;

function complete(dir: string): string[] {
  return REQUIRED.filter((p) => !existsSync(join(dir, p)));
}

async function prepare(): Promise<{ dir: string; source: string; note: string }> {
  const missing = complete(repoGeneratedDir);
  if (missing.length === 0 && !process.env.BENCH_FRESH) return { dir: repoGeneratedDir, source: 'repo', note: 'generated/openai-admin' };
  const why = process.env.BENCH_FRESH ? 'BENCH_FRESH=1' : `repo generated/ lacks ${missing.join(', ')}`;
  const dir = join(scratchRoot, 'generated/openai-admin');
  const loadSpec = await optionalImport<(target: string) => unknown>('generator/ir/serialize.js', 'loadSpec');
  const emitAll = await optionalImport<EmitAll>('generator/commands/generate.js', 'emitAll');
  const replaceDirectory = await optionalImport<(d: string, f: Map<string, string>) => void>('generator/write.js', 'replaceDirectory');
  if (!existsSync(join(repoRoot, 'spec/openai-admin/spec.json'))) throw new Error('spec/openai-admin/spec.json missing; run `npm run import`');
  const files = emitAll(loadSpec('openai-admin') as Parameters<EmitAll>[0]);
  replaceDirectory(dir, files);
  const notes: string[] = [];
  for (const [name, mod, fn] of [
    ['client', 'generator/build/client.js', 'buildClient'],
    ['cli', 'generator/build/cli.js', 'buildCli'],
    ['mcp', 'generator/build/mcp.js', 'buildMcp'],
  ] as const) {
    try {
      const build = await optionalImport<Build>(mod, fn);
      if (existsSync(join(dir, name, 'package.json'))) await build(join(dir, name));
    } catch (error) {
      notes.push(`${name} build failed: ${firstLine(error)}`);
    }
  }
  return { dir, source: 'scratch', note: `scratch build from spec/openai-admin/spec.json (${why})${notes.length ? '; ' + notes.join('; ') : ''}` };
}

try {
  writeFileSync(out, JSON.stringify(await prepare()));
} catch (error) {
  writeFileSync(out, JSON.stringify({ dir: repoGeneratedDir, source: 'repo', note: `scratch build failed: ${firstLine(error)}` }));
}
process.exit(0);
