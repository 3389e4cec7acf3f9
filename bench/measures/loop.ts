/**
 * Measure 2 (issues 2 and 5): the full loop in-process — admin import, emitAll
 * (client, CLI, MCP in memory), write to a temp dir — against openapi-typescript
 * generating types alone for the same document (its Node API), timed in this
 * run with warm code. What a maintainer feels (whole processes, start-up and
 * build included) is the `process` measure.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Measure } from '../child.js';
import { newestYaml, optionalImport, scratch } from '../lib/paths.js';
import { interleave } from '../lib/time.js';
import { compare, median, Skip, skippedRow, type Row } from '../lib/types.js';
import { adminImport, loadEmitAll, loadImporter } from '../lib/generator.js';

const RUNS = 5;

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

    rmSync(dir, { recursive: true, force: true });
    return rows;
  },
};
export default measure;
