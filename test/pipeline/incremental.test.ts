/**
 * Incremental regeneration writes the same bytes as a cold run. One folder is
 * generated and built from the newest document, then changed twice (a new
 * response field, then a new query parameter) and regenerated in place, each
 * time reusing the build cache; after each step every file under
 * generated/<target>/ (sources, client dist/, CLI and MCP bin/) must equal a
 * cold generate + build of the same document in the same folder. The steps
 * must also really be incremental: few files written, and only the bundles
 * the change affects rebuilt. Emission goes through the memo as `generate`
 * does (generator/emit/memo.ts), so reused units are checked against cold
 * emission byte for byte too.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import { emitAll } from '../../generator/commands/generate.js';
import { buildTarget, type TargetBuild } from '../../generator/commands/build.js';
import { syncDirectory, type SyncResult } from '../../generator/write.js';
import { EmitMemo, type UnitRecord } from '../../generator/emit/memo.js';
import { newestOpenaiSpecJson, repoRoot } from '../support/shared.js';
import { hashTree } from '../support/tree.js';

const TARGET = 'openai-admin';
// Inside the repo, so the bundles resolve the repo's node_modules.
const scratch = join(repoRoot, '.tmp/test-incremental');
afterAll(() => { if (!process.env.KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true }); });



/** The memo records of the last incremental emission (as `generate` keeps them on disk). */
let records: Record<string, UnitRecord> = {};

/**
 * Import `doc` (the admin config, no name lock) and generate + build into
 * `root`; emission reuses the last run's memo records unless `cold`.
 */
async function generate(doc: Record<string, unknown>, root: string, cold = false): Promise<{ sync: SyncResult; build: TargetBuild; dir: string; memo?: EmitMemo }> {
  const from = join(root, 'openapi.json');
  writeFileSync(from, JSON.stringify(doc));
  const { spec } = await importDocument({ from, target: TARGET, root, configDir: join(repoRoot, 'spec', TARGET), relock: true });
  const dir = join(root, 'generated', TARGET);
  const memo = cold ? undefined : new EmitMemo(JSON.parse(JSON.stringify(records)) as Record<string, UnitRecord>);
  const files = emitAll(spec, memo);
  if (memo) {
    records = memo.next;
    // The memo's output is the cold emitter's, file for file.
    expect(files).toEqual(emitAll(spec));
  }
  const sync = syncDirectory(dir, files);
  return { sync, build: await buildTarget(dir), dir, memo };
}

/**
 * Regenerate `doc` cold in the same folder (esbuild's chunk names depend on
 * where the sources are) and expect exactly the files the incremental run left.
 */
async function expectSameAsCold(doc: Record<string, unknown>, root: string): Promise<void> {
  const dir = join(root, 'generated', TARGET);
  const incremental = hashTree(dir);
  rmSync(dir, { recursive: true, force: true });
  const { build } = await generate(doc, root, true);
  // Really cold: everything compiled and bundled again, but for the spec-independent parts, which come
  // from the shared cache (test/pipeline/shared-parts.test.ts shows they are the bytes a build writes).
  expect(build.client!.compiled).toBe(build.client!.sources);
  expect([...build.cli!.built, ...build.cli!.shared].sort()).toEqual(['cli:client', 'cli:main', 'cli:yaml']);
  expect([...build.mcp!.built, ...build.mcp!.shared].sort()).toEqual(['mcp:client', 'mcp:main', 'mcp:runtime']);
  const cold = hashTree(dir);
  expect([...incremental.keys()]).toEqual([...cold.keys()]);
  const differing = [...incremental].filter(([path, hash]) => cold.get(path) !== hash).map(([path]) => path);
  expect(differing).toEqual([]);
}

describe('incremental generate + build', () => {
  const original = JSON.parse(readFileSync(newestOpenaiSpecJson(), 'utf8')) as Record<string, any>;
  const place = join(scratch, `run-${process.pid}`);
  mkdirSync(place, { recursive: true });

  it('cold: everything is written and built', async () => {
    const { sync, build, dir } = await generate(original, place);
    expect(sync.written.length).toBeGreaterThan(50);
    expect(build.client!.compiled).toBe(build.client!.sources);
    expect([...build.cli!.built, ...build.cli!.shared].sort()).toEqual(['cli:client', 'cli:main', 'cli:yaml']);
    expect([...build.mcp!.built, ...build.mcp!.shared].sort()).toEqual(['mcp:client', 'mcp:main', 'mcp:runtime']);
    // One build of the client serves both bins (build/client-bin.ts): the same CommonJS file.
    const cliClient = readFileSync(join(dir, 'cli/bin/lib/client.js'));
    expect(cliClient.length).toBeGreaterThan(10_000);
    expect(readFileSync(join(dir, 'mcp/bin/lib/client.cjs')).equals(cliClient)).toBe(true);
  }, 180_000);

  it('unchanged: nothing is written or rebuilt, every emission unit reused', async () => {
    const { sync, build, memo } = await generate(original, place);
    expect(memo!.misses).toBe(0);
    expect(memo!.hits).toBeGreaterThan(100);
    expect(sync).toEqual({ written: [], removed: [] });
    expect(build.client!.compiled).toBe(0);
    expect([build.cli!.written, build.mcp!.written]).toEqual([false, false]);
  }, 180_000);

  const withField = structuredClone(original);
  withField.components.schemas.Project.properties.x_incremental_note = { type: 'string', description: 'A note added by the incremental test.' };

  it('a new response field: a few files, no bundle rebuilt, same bytes as a cold run', async () => {
    const { sync, build, memo } = await generate(withField, place);
    // Only the units that read the changed schema are emitted again.
    expect(memo!.misses).toBeGreaterThan(0);
    expect(memo!.misses).toBeLessThan(memo!.hits / 10);
    expect(sync.written.length).toBeGreaterThan(0);
    expect(sync.written.length).toBeLessThan(8);
    expect(build.client!.compiled).toBeGreaterThan(0);
    expect(build.client!.compiled).toBeLessThan(5);
    // Types only: the client's JavaScript, and so every bundle, is unchanged.
    expect(build.cli!.built).toEqual([]);
    expect(build.mcp!.built).toEqual([]);
    await expectSameAsCold(withField, place);
  }, 240_000);

  const withParam = structuredClone(withField);
  withParam.paths['/organization/projects'].get.parameters.push({
    name: 'x_incremental_filter',
    in: 'query',
    required: false,
    description: 'A filter added by the incremental test.',
    schema: { type: 'string' },
  });

  it('a new query parameter: the client bundles rebuilt, not the CLI start-up file (its table is a plain file) nor the MCP runtime bundle; same bytes as a cold run', async () => {
    const { sync, build, memo } = await generate(withParam, place);
    expect(memo!.misses).toBeGreaterThan(0);
    expect(memo!.misses).toBeLessThan(memo!.hits / 10);
    expect(sync.written.length).toBeLessThan(12);
    expect(build.cli!.built.sort()).toEqual(['cli:client']);
    expect(build.cli!.written).toBe(true);
    expect(build.mcp!.built).toEqual(['mcp:client']);
    await expectSameAsCold(withParam, place);
  }, 240_000);
});
