/**
 * The maintainer's loop as typed (issue 14): `npm run import -- --from new.yaml`
 * then `npm run generate`, each a whole process (npm, node start-up, the
 * build), against `openapi-typescript new.yaml -o types.ts` in the same run,
 * round-robin. This is the figure a maintainer feels; the `loop` measure's
 * in-process rows leave out start-up and the build.
 * - cold: a fresh project folder (no generated/, no build cache but the
 *   spec-independent bin parts, which `npm install` builds, shared by content);
 * - one-field change: the same folder after a new optional field in one schema
 *   (and back, alternately), so only a few files change;
 * - `npm run check` alone, on the repository;
 * - the fixed floor: `npm run import -- --help` + `npm run generate -- --help`
 *   (npm, Node, the launcher, the generator's entry; no work), which no
 *   incremental run can go below; and the daemon's: two `npm run daemon --
 *   status` (npm, Node, the launcher and a round trip to the project's
 *   daemon, which the daemon rows' commands pay without loading the bundle).
 * Targets: the Admin scope (the committed spec/openai-admin config and names)
 * and the whole document (spec/openai's config when it exists, else
 * `--scope all` with inferred defaults).
 * Each loop runs twice per round, in two fresh folders: with the generator
 * daemon (TRIGEN_DAEMON=1: a maintainer's machine, where it is the default;
 * the first command starts it) and as one process per command
 * (TRIGEN_DAEMON=0: CI, where it is the default).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Measure } from '../child.js';
import { freshProject, npmRun, openapiTypescript, runSequence, stopDaemon, type SequenceResult, type Step } from '../lib/commands.js';
import { newestYaml, repoRoot, scratch } from '../lib/paths.js';
import { addSchemaField } from '../lib/synthesize.js';
import { compare, median, pairedCompare, skippedRow, type Row } from '../lib/types.js';

/** Rounds; every ratio is the median of per-round ratios (paired in time, so load drift cancels). */
const ROUNDS = 5;
/** The schema that gets the one-field change; the Admin scope uses it. */
const CHANGED_SCHEMA = 'Project';

interface Scenario {
  key: string;
  label: string;
  /** spec/<name> copied from the repo into each fresh project, if any. */
  fromRepo?: string;
  importArgs: string[];
}

function scenarios(): Scenario[] {
  const whole: Scenario = existsSync(join(repoRoot, 'spec/openai/config.yaml'))
    ? { key: 'whole', label: 'whole document (target openai)', fromRepo: 'openai', importArgs: ['--target', 'openai'] }
    : { key: 'whole', label: 'whole document (--scope all)', importArgs: ['--target', 'openai-whole', '--scope', 'all'] };
  return [{ key: 'admin', label: 'Admin target', fromRepo: 'openai-admin', importArgs: ['--target', 'openai-admin'] }, whole];
}

/**
 * The last two commands' times as the daemon of `root` measured them (from
 * receiving each to its reply), from `daemon status`: what the daemon did of
 * the one-field import + generate, beside the processes' wall time.
 */
function daemonTimes(root: string): [number, number] | undefined {
  try {
    const status = execFileSync(process.execPath, [join(repoRoot, 'generator/launch.cjs'), 'daemon', 'status'], { env: { ...process.env, TRIGEN_ROOT: root }, encoding: 'utf8' });
    const times = [...status.matchAll(/^ {2}(\d+) ms .* exit 0 {2}(?:import|generate)\b/gm)].map((m) => Number(m[1]));
    return times.length >= 2 ? [times[times.length - 2]!, times[times.length - 1]!] : undefined;
  } catch {
    return undefined;
  }
}

const measure: Measure = {
  title: "Maintainer's loop as processes: npm run import + npm run generate vs openapi-typescript CLI",
  async run() {
    const original = newestYaml();
    const dir = scratch('process');
    // The changed document keeps the file name, so the only difference is the field.
    const changed = join(dir, 'changed', basename(original));
    mkdirSync(join(dir, 'changed'), { recursive: true });
    writeFileSync(changed, addSchemaField(readFileSync(original, 'utf8'), CHANGED_SCHEMA, 'bench_note'));

    const ots: number[] = [];
    // By `${scenario}` (with the daemon) and `${scenario}.oneshot`.
    const cold = new Map<string, SequenceResult[]>();
    const incremental = new Map<string, SequenceResult[]>();
    const push = (map: Map<string, SequenceResult[]>, key: string, r: SequenceResult) => (map.get(key) ?? map.set(key, []).get(key)!).push(r);
    const check: number[] = [];
    // The fixed floor of the two commands: npm's start-up, Node's, the launcher and the generator's entry, no work.
    const floor: number[] = [];
    // The same with the daemon: two commands that reach the Admin project's daemon and do nothing there.
    const daemonFloor: number[] = [];
    // By scenario: the one-field import's and generate's time inside the daemon.
    const inDaemon = new Map<string, Array<[number, number]>>();
    const loop = (s: Scenario, root: string, doc: string, daemon: boolean): Step[] => [npmRun('import', ['--from', doc, ...s.importArgs], root, daemon), npmRun('generate', [], root, daemon)];

    const all = scenarios();
    for (let round = 0; round < ROUNDS; round++) {
      ots.push((await runSequence([openapiTypescript(original, join(dir, 'types.ts'))], dir)).ms);
      for (const s of all) {
        for (const daemon of [true, false]) {
          const key = daemon ? s.key : `${s.key}.oneshot`;
          const root = freshProject(dir, s.fromRepo);
          push(cold, key, await runSequence(loop(s, root, original, daemon), dir));
          push(incremental, key, await runSequence(loop(s, root, changed, daemon), dir));
          const times = daemon ? daemonTimes(root) : undefined;
          if (times) (inDaemon.get(key) ?? inDaemon.set(key, []).get(key)!).push(times);
          if (daemon && s.key === 'admin') daemonFloor.push((await runSequence([npmRun('daemon', ['status'], root), npmRun('daemon', ['status'], root)], dir)).ms);
          if (daemon) await stopDaemon(root, dir);
          // Kept until the measure ends (see freshProject in bench/lib/commands.ts).
        }
      }
      check.push((await runSequence([npmRun('check', [])], dir)).ms);
      floor.push((await runSequence([npmRun('import', ['--help']), npmRun('generate', ['--help'])], dir)).ms);
    }

    const otsBase = { label: 'openapi-typescript CLI', value: median(ots) };
    const rows: Row[] = [compare('process.ots', 'openapi-typescript new.yaml -o types.ts', 'ms', ots, undefined)];
    for (const { key, label } of all.flatMap((s) => [
      { key: s.key, label: `${s.label}, with the daemon` },
      { key: `${s.key}.oneshot`, label: `${s.label}, one process per command` },
    ])) {
      const c = cold.get(key)!;
      const inc = incremental.get(key)!;
      const coldTotal = c.map((r) => r.ms);
      const coldGenerate = c.map((r) => r.steps[1]!);
      const incTotal = inc.map((r) => r.ms);
      const daemonSide = inDaemon.get(key);
      const inside = daemonSide?.length ? ` (in the daemon ${Math.round(median(daemonSide.map((t) => t[0])))} + ${Math.round(median(daemonSide.map((t) => t[1])))} ms)` : '';
      rows.push(
        pairedCompare(`process.${key}.cold`, `${label}: import + generate, cold`, 'ms', coldTotal, otsBase.label, ots, { op: '<', limit: 1 }, `import ${Math.round(median(c.map((r) => r.steps[0]!)))} ms + generate ${Math.round(median(coldGenerate))} ms`),
      );
      rows.push(
        pairedCompare(`process.${key}.incremental`, `  after a one-field change: import + generate vs cold`, 'ms', incTotal, 'cold import + generate', coldTotal, { op: '<=', limit: 0.5 }, `import ${Math.round(median(inc.map((r) => r.steps[0]!)))} ms + generate ${Math.round(median(inc.map((r) => r.steps[1]!)))} ms${inside}; ${(median(incTotal) / median(ots)).toFixed(2)}× openapi-typescript`),
      );
      rows.push(pairedCompare(`process.${key}.incremental.generate`, `  after a one-field change: generate alone vs cold generate`, 'ms', inc.map((r) => r.steps[1]!), 'cold generate', coldGenerate, { op: '<=', limit: 0.5 }));
    }
    // What no incremental path can go below: the incremental rows' share of it says how much work is left in them.
    rows.push(
      pairedCompare('process.floor', 'fixed floor: npm run import -- --help + npm run generate -- --help', 'ms', floor, 'Admin one-field import + generate', incremental.get('admin')!.map((r) => r.ms), undefined, `${(median(floor) / median(cold.get('admin')!.map((r) => r.ms))).toFixed(2)}× the Admin cold run`),
      pairedCompare('process.floor.daemon', "the daemon's floor: two npm run daemon -- status", 'ms', daemonFloor, 'Admin one-field import + generate', incremental.get('admin')!.map((r) => r.ms), undefined, `${(median(daemonFloor) / median(cold.get('admin')!.map((r) => r.ms))).toFixed(2)}× the Admin cold run`),
    );
    if (check.length) rows.push(compare('process.check', 'npm run check (this repository)', 'ms', check, otsBase));
    else rows.push(skippedRow('process.check', 'npm run check', 'not run'));
    rmSync(dir, { recursive: true, force: true });
    return rows;
  },
};
export default measure;
