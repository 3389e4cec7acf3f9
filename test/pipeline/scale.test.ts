/**
 * Scale: a document of more than 1,000 operations (the newest OpenAI document
 * four times over, synthesized into a temp folder by bench/lib/synthesize.ts,
 * never committed) imports with `--scope all`, generates and builds; the CLI
 * answers --help, the MCP server lists one tool per operation, and every
 * compiled client file ships with its declarations. The bench measures the
 * same synthesized documents at 1×, 2× and 4× (bench/measures/scale.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { buildTarget, type TargetBuild } from '../../generator/commands/build.js';
import { syncDirectory } from '../../generator/write.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { writeMultiplied } from '../../bench/lib/synthesize.js';
import { newestOpenaiSpecJson, repoRoot } from '../support/shared.js';

const run = promisify(execFile);
const COPIES = 4;
// Inside the repo, so the bundles resolve the repo's node_modules.
const scratch = join(repoRoot, `.tmp/test-scale-${process.pid}`);
const dir = join(scratch, 'generated/scale');
let spec: NormalizedSpec;
let build: TargetBuild;
let original: number;

function bin(pkg: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, pkg, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(dir, pkg, Object.values(manifest.bin)[0]!);
}

function files(root: string): string[] {
  return readdirSync(root).flatMap((name) => (statSync(join(root, name)).isDirectory() ? files(join(root, name)) : [join(root, name)]));
}

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  const doc = writeMultiplied(newestOpenaiSpecJson(), COPIES, scratch, 'json');
  original = doc.operations / COPIES;
  ({ spec } = await importDocument({ from: doc.path, target: 'scale', scope: 'all', root: scratch, relock: true }));
  syncDirectory(dir, emitAll(spec));
  build = await buildTarget(dir);
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`the newest OpenAI document ${COPIES}× over`, () => {
  it('imports every operation of every copy: more than 1,000', () => {
    expect(spec.operations.length).toBe(COPIES * original);
    expect(spec.operations.length).toBeGreaterThanOrEqual(1000);
  });

  it('builds every package, each client file with its declarations', () => {
    expect(build.client!.compiled).toBe(build.client!.sources);
    const dist = join(dir, 'client/dist');
    const esm = files(dist).filter((f) => f.endsWith('.js') && !relative(dist, f).startsWith('cjs'));
    expect(esm.length).toBe(build.client!.sources);
    expect(existsSync(join(dist, 'cjs/index.js'))).toBe(true);
    // Declarations beside every ES module, and a copy for CommonJS consumers.
    const withoutTypes = esm.filter((f) => !existsSync(f.replace(/\.js$/, '.d.ts')) || !existsSync(join(dist, 'cjs', relative(dist, f)).replace(/\.js$/, '.d.ts')));
    expect(withoutTypes.map((f) => relative(dist, f))).toEqual([]);
  });

  it('the CLI answers --help with the copies as command groups', async () => {
    const { stdout } = await run(process.execPath, [bin('cli'), '--help'], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain(`copy${COPIES}:`);
  }, 60_000);

  it('the MCP server lists one tool per operation (with --tools all: a large API starts dynamic)', async () => {
    const { stdout } = await run(process.execPath, [bin('mcp'), '--list-tools', '--tools', 'all'], { maxBuffer: 16 * 1024 * 1024 });
    expect(new Set(stdout.trim().split('\n')).size).toBe(spec.operations.length);
  }, 60_000);
});
