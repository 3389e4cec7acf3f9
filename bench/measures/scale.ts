/**
 * Scale (issue 11): the newest OpenAI document at 1×, 2× and 4× its
 * operations (bench/lib/synthesize.ts, YAML in a scratch folder), each through
 * `npm run import -- --scope all` + `npm run generate` (which builds) as
 * processes, cold, against `openapi-typescript` on the same synthesized
 * document in the same run. Time and peak memory per size, and the growth
 * exponent of each (the slope of log cost against log size: 1 is linear).
 * These runs are one process per command (TRIGEN_DAEMON=0, as on CI), so
 * that CPU time and peak memory count all the work; at 4× the same two
 * commands also run with the generator daemon (a maintainer's machine, the
 * default there), timed only (the daemon is not a child of the command).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure } from '../child.js';
import { freshProject, growthExponent, hasGnuTime, npmRun, openapiTypescript, runSequence, stopDaemon } from '../lib/commands.js';
import { newestYaml, scratch } from '../lib/paths.js';
import { writeMultiplied } from '../lib/synthesize.js';
import { compare, median, pairedCompare, type Row } from '../lib/types.js';

const SIZES = [1, 2, 4];
/** Rounds per size; the 4× row decides issue 14, so it gets more (its ratio is the median of paired rounds). */
const ROUNDS: Record<number, number> = { 1: 3, 2: 3, 4: 5 };

const measure: Measure = {
  title: 'Scale: import + generate + build at 1×, 2×, 4× the newest OpenAI document vs openapi-typescript',
  async run() {
    const dir = scratch('scale');
    const rows: Row[] = [];
    const points: Array<{ size: number; ours: number; ots: number; oursCpu?: number; otsCpu?: number; oursPeak?: number; otsPeak?: number; ops: number }> = [];
    const withDaemon: number[] = [];
    let otsAt4: number[] = [];
    for (const size of SIZES) {
      const doc = size === 1 ? { path: newestYaml(), operations: 0 } : writeMultiplied(newestYaml(), size, dir, 'yaml');
      const ours: number[] = [];
      const ots: number[] = [];
      const oursPeak: number[] = [];
      const otsPeak: number[] = [];
      const oursCpu: number[] = [];
      const otsCpu: number[] = [];
      for (let round = 0; round < ROUNDS[size]!; round++) {
        const steps = (root: string, daemon: boolean) => [npmRun('import', ['--from', doc.path, '--target', `scale-${size}x`, '--scope', 'all'], root, daemon), npmRun('generate', [], root, daemon)];
        const root = freshProject(dir);
        const r = await runSequence(steps(root, false), dir);
        if (size === 4) {
          const daemonRoot = freshProject(dir);
          withDaemon.push((await runSequence(steps(daemonRoot, true), dir)).ms);
          await stopDaemon(daemonRoot, dir);
        }
        ours.push(r.ms);
        if (r.peakBytes) oursPeak.push(r.peakBytes);
        if (r.cpuMs !== undefined) oursCpu.push(r.cpuMs);
        // The project stays until the measure ends (see freshProject in bench/lib/commands.ts).
        const o = await runSequence([openapiTypescript(doc.path, join(dir, 'types.ts'))], dir);
        ots.push(o.ms);
        if (o.peakBytes) otsPeak.push(o.peakBytes);
        if (o.cpuMs !== undefined) otsCpu.push(o.cpuMs);
      }
      const ops = size === 1 ? undefined : `${doc.operations} operations`;
      rows.push(pairedCompare(`scale.${size}x`, `${size}×: import + generate + build (processes, cold)`, 'ms', ours, `openapi-typescript, same ${size}× doc`, ots, size === 4 ? { op: '<', limit: 1 } : undefined, ops));
      if (size === 4) otsAt4 = ots;
      if (oursCpu.length && otsCpu.length) {
        rows.push(pairedCompare(`scale.${size}x.cpu`, `  ${size}×: CPU time (user + system)`, 'ms', oursCpu, 'openapi-typescript', otsCpu, undefined, 'esbuild service not counted'));
      }
      if (oursPeak.length && otsPeak.length) {
        rows.push(compare(`scale.${size}x.memory`, `  ${size}×: peak memory (largest process)`, 'bytes', oursPeak, { label: 'openapi-typescript', value: median(otsPeak) }));
      }
      points.push({ size, ours: median(ours), ots: median(ots), oursCpu: oursCpu.length ? median(oursCpu) : undefined, otsCpu: otsCpu.length ? median(otsCpu) : undefined, oursPeak: oursPeak.length ? median(oursPeak) : undefined, otsPeak: otsPeak.length ? median(otsPeak) : undefined, ops: doc.operations });
      if (size !== 1) rmSync(doc.path, { force: true });
    }
    if (withDaemon.length) {
      rows.push(pairedCompare('scale.4x.daemon', '  4×: the same with the generator daemon (as on a maintainer\'s machine)', 'ms', withDaemon, 'openapi-typescript, same 4× doc', otsAt4, { op: '<', limit: 1 }));
    }
    const exponent = (pick: (p: (typeof points)[number]) => number | undefined) => {
      const pts = points.map((p) => ({ size: p.size, value: pick(p) ?? NaN })).filter((p) => Number.isFinite(p.value));
      return pts.length >= 2 ? growthExponent(pts).toFixed(2) : 'n/a';
    };
    rows.push({
      id: 'scale.exponent',
      label: 'growth exponent (1 = linear)',
      unit: 'ms',
      note: `wall time: ours ${exponent((p) => p.ours)}, openapi-typescript ${exponent((p) => p.ots)}; CPU time: ours ${exponent((p) => p.oursCpu)}, openapi-typescript ${exponent((p) => p.otsCpu)}; peak memory: ours ${exponent((p) => p.oursPeak)}, openapi-typescript ${exponent((p) => p.otsPeak)}${hasGnuTime ? '' : ' (no /usr/bin/time: memory not measured)'}`,
    });
    rmSync(dir, { recursive: true, force: true });
    return rows;
  },
};
export default measure;
