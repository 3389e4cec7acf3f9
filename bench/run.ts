/**
 * `npm run bench [-- <measure>…]`: runs each measure in its own child process,
 * prints one table and writes bench/results/latest.json. A measure whose piece
 * does not exist yet reports "skipped: <why>" instead of failing the run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchDir, repoRoot, scratchRoot } from './lib/paths.js';
import type { MeasureResult } from './lib/types.js';
import { renderTable } from './lib/table.js';

const MEASURES = ['import', 'loop', 'client', 'cli', 'mcp', 'diff', 'stream', 'apireport'] as const;
const CHILD_TIMEOUT_MS = 240_000;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = wanted.length ? MEASURES.filter((m) => wanted.includes(m)) : [...MEASURES];
const unknown = wanted.filter((w) => !(MEASURES as readonly string[]).includes(w));
if (unknown.length) {
  console.error(`unknown measure(s): ${unknown.join(', ')}; known: ${MEASURES.join(', ')}`);
  process.exit(2);
}

const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
mkdirSync(scratchRoot, { recursive: true });

/** Built generated packages for the client/CLI/MCP measures (see bench/prepare.ts). */
async function prepareArtifacts(): Promise<{ dir: string; source: string; note: string }> {
  const out = join(scratchRoot, 'prepare.json');
  rmSync(out, { force: true });
  await new Promise<void>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, 'prepare.ts'), out], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', () => done());
  });
  if (!existsSync(out)) return { dir: '', source: 'none', note: 'bench/prepare.ts crashed' };
  return JSON.parse(readFileSync(out, 'utf8')) as { dir: string; source: string; note: string };
}

function runChild(measure: string, env: Record<string, string>): Promise<MeasureResult> {
  const out = join(scratchRoot, `${measure}.result.json`);
  rmSync(out, { force: true });
  const started = performance.now();
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, 'child.ts'), measure, out], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (existsSync(out)) return resolveRun(JSON.parse(readFileSync(out, 'utf8')) as MeasureResult);
      const why = signal ? `killed by ${signal} (timeout ${CHILD_TIMEOUT_MS / 1000}s?)` : `exit ${code}`;
      const tail = stderr.trim().split('\n').slice(-2).join(' | ');
      resolveRun({ measure, title: measure, status: 'failed', reason: `${why}: ${tail}`, rows: [], seconds: (performance.now() - started) / 1000 });
    });
  });
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const results: MeasureResult[] = [];
const runStarted = performance.now();
const needsArtifacts = selected.some((m) => m === 'client' || m === 'cli' || m === 'mcp' || m === 'apireport');
const artifacts = needsArtifacts ? await prepareArtifacts() : { dir: '', source: 'none', note: 'not needed' };
if (needsArtifacts) process.stderr.write(`bench: generated packages: ${artifacts.note}\n`);
const childEnv: Record<string, string> = artifacts.dir ? { BENCH_GENERATED_DIR: artifacts.dir } : {};
for (const measure of selected) {
  process.stderr.write(`bench: ${measure} … `);
  const result = await runChild(measure, childEnv);
  process.stderr.write(`${result.status} (${result.seconds.toFixed(1)} s)\n`);
  results.push(result);
}

const targetRows = results.flatMap((r) => r.rows).filter((row) => row.target || row.skipped);
const summary = {
  pass: targetRows.filter((row) => row.pass === true).map((row) => row.id),
  miss: targetRows.filter((row) => row.pass === false).map((row) => row.id),
  skipped: [
    ...results.filter((r) => r.status === 'skipped' || r.status === 'failed').map((r) => `${r.measure}: ${r.reason}`),
    ...results.flatMap((r) => r.rows.filter((row) => row.skipped).map((row) => `${row.id}: ${row.skipped}`)),
  ],
};
const report = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  seconds: Math.round((performance.now() - runStarted) / 100) / 10,
  generated: artifacts,
  summary,
  results,
};
console.log(renderTable(results));
console.log(`\ntargets: ${summary.pass.length} pass, ${summary.miss.length} miss${summary.miss.length ? ` (${summary.miss.join(', ')})` : ''}, ${summary.skipped.length} skipped`);
for (const s of summary.skipped) console.log(`  skipped ${s}`);

if (needsArtifacts) console.log(`\ngenerated packages measured: ${artifacts.note}`);
console.log(`\n${report.seconds} s total · node ${report.node} · ${report.cpus} cpus · commit ${report.commit}`);
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
console.log('wrote bench/results/latest.json');
