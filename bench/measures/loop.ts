/**
 * Measure 2 (issues 2 and 5): the full loop — admin import, emitAll (client,
 * CLI, MCP in memory), write to a temp dir — against openapi-typescript
 * generating types alone for the same document, timed in this run, both
 * in-process (warm) and as cold child processes.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Measure } from '../child.js';
import { benchDir, newestYaml, optionalImport, scratch } from '../lib/paths.js';
import { interleave, interleaveSpawns } from '../lib/time.js';
import { compare, median, Skip, skippedRow, type Row } from '../lib/types.js';
import { adminImport, loadEmitAll, loadImporter } from '../lib/generator.js';

const RUNS = 5;
const COLD_RUNS = 3;

type OpenapiTS = (source: URL, options?: Record<string, unknown>) => Promise<unknown>;
type AstToString = (ast: unknown) => string;
type ReplaceDirectory = (dir: string, files: Map<string, string>) => void;

const measure: Measure = {
  title: 'Full loop (import + emit 3 surfaces + write) vs openapi-typescript types only',
  async run() {
    const yamlPath = newestYaml();
    const dir = scratch('loop');
    const rows: Row[] = [];

    const ots = (await import('openapi-typescript')) as unknown as { default: OpenapiTS; astToString: AstToString };
    const otsOut = join(dir, 'openapi-typescript.d.ts');
    const runOts = async () => {
      const ast = await ots.default(pathToFileURL(yamlPath), { silent: true });
      writeFileSync(otsOut, ots.astToString(ast));
    };

    let importDocument: Awaited<ReturnType<typeof loadImporter>>;
    let emitAll: Awaited<ReturnType<typeof loadEmitAll>>;
    let replaceDirectory: ReplaceDirectory;
    try {
      importDocument = await loadImporter();
      emitAll = await loadEmitAll();
      replaceDirectory = await optionalImport<ReplaceDirectory>('generator/write.js', 'replaceDirectory');
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      const samples = (await interleave({ ots: runOts }, RUNS)).ots!;
      rows.push(compare('loop.ots', 'openapi-typescript types only (in-process)', 'ms', samples, undefined));
      rows.push(skippedRow('loop.full', 'import + emitAll + write (in-process)', error.message));
      rows.push(skippedRow('loop.cold', 'full loop, cold child process', error.message));
      return rows;
    }

    const phases = { import: [] as number[], emit: [] as number[], write: [] as number[] };
    let fileCount = 0;
    const outDir = join(dir, 'generated');
    const runOurs = async () => {
      const t0 = performance.now();
      const { spec } = await adminImport(importDocument, yamlPath);
      const t1 = performance.now();
      const files = emitAll(spec);
      const t2 = performance.now();
      replaceDirectory(outDir, files);
      const t3 = performance.now();
      phases.import.push(t1 - t0);
      phases.emit.push(t2 - t1);
      phases.write.push(t3 - t2);
      fileCount = files.size;
    };
    const warm = await interleave({ ours: runOurs, ots: runOts }, RUNS);
    const otsBaseline = { label: 'openapi-typescript', value: median(warm.ots!) };
    rows.push(compare('loop.ots', 'openapi-typescript types only (in-process)', 'ms', warm.ots!, undefined));
    rows.push(
      compare('loop.full', 'import + emitAll + write (in-process)', 'ms', warm.ours!, otsBaseline, { op: '<', limit: 1 }, `${fileCount} files`),
    );
    // Phase split (warm-up run excluded) to show where the loop spends its time.
    for (const [phase, samples] of Object.entries(phases)) {
      rows.push(compare(`loop.phase.${phase}`, `  ${phase} phase`, 'ms', samples.slice(-RUNS), otsBaseline));
    }

    // Cold: what a user waits for from the shell, node start and module load included.
    const require = createRequire(import.meta.url);
    const otsCli = join(require.resolve('openapi-typescript/package.json').replace(/package\.json$/, ''), 'bin/cli.js');
    const coldOut = join(dir, 'cold');
    try {
      const cold = await interleaveSpawns(
        {
          ours: { command: process.execPath, args: ['--import', 'tsx', join(benchDir, 'workers/loop-once.ts'), yamlPath, coldOut] },
          ots: { command: process.execPath, args: [otsCli, yamlPath, '-o', join(dir, 'ots-cold.d.ts')] },
        },
        COLD_RUNS,
        0,
      );
      const coldBase = { label: 'openapi-typescript CLI', value: median(cold.ots!) };
      rows.push(compare('loop.cold.ots', 'openapi-typescript CLI, cold', 'ms', cold.ots!, undefined));
      rows.push(compare('loop.cold', 'full loop, cold child process (tsx)', 'ms', cold.ours!, coldBase, { op: '<', limit: 1 }));
    } catch (error) {
      rows.push(skippedRow('loop.cold', 'full loop, cold child process', error instanceof Error ? error.message : String(error)));
    }
    rmSync(dir, { recursive: true, force: true });
    return rows;
  },
};
export default measure;
