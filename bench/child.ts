/**
 * Runs one measure in its own process (spawned by bench/run.ts) so that a
 * crash, a hang or a warm JIT in one measure cannot affect the others.
 * usage: node --expose-gc --import tsx bench/child.ts <measure> <out.json>
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { benchDir, firstLine } from './lib/paths.js';
import { Skip, type MeasureResult, type Row } from './lib/types.js';

export interface Measure {
  title: string;
  run(): Promise<Row[]>;
}

const [name, out] = process.argv.slice(2);
if (!name || !out) {
  console.error('usage: bench/child.ts <measure> <out.json>');
  process.exit(2);
}

const started = performance.now();
let result: MeasureResult;
let title = name;
try {
  const mod = (await import(pathToFileURL(join(benchDir, 'measures', `${name}.ts`)).href)) as { default: Measure };
  title = mod.default.title;
  const rows = await mod.default.run();
  const partial = rows.some((r) => r.skipped);
  result = { measure: name, title, status: partial ? 'partial' : 'ok', rows, seconds: 0 };
} catch (error) {
  const skip = error instanceof Skip;
  if (!skip) console.error(error instanceof Error ? error.stack : error);
  result = { measure: name, title, status: skip ? 'skipped' : 'failed', reason: firstLine(error), rows: [], seconds: 0 };
}
result.seconds = (performance.now() - started) / 1000;
writeFileSync(out, JSON.stringify(result, null, 2));
// Measures may leave servers or handles open; the result is written, so stop.
process.exit(0);
