/**
 * Shapes shared by the bench orchestrator and its measures. Every figure is a
 * median of several runs and is reported together with a baseline measured in
 * the same run, because absolute times on a shared 2-core machine are noisy.
 */

export type Unit = 'ms' | 'bytes' | 'tokens' | 'µs';

export interface Row {
  /** Stable id, e.g. `import.admin`. */
  id: string;
  label: string;
  unit: Unit;
  /** Median of the samples (or the single exact value for sizes). */
  value?: number;
  samples?: number[];
  baseline?: { label: string; value: number };
  /** value / baseline.value */
  ratio?: number;
  /** Human target on the ratio, e.g. `≤ 2.0`; absent for informational rows. */
  target?: string;
  pass?: boolean;
  note?: string;
  /** Set when this row could not be measured; the rest of the measure still ran. */
  skipped?: string;
}

export interface MeasureResult {
  measure: string;
  title: string;
  status: 'ok' | 'partial' | 'skipped' | 'failed';
  reason?: string;
  rows: Row[];
  seconds: number;
}

/** Thrown when a piece the measure needs does not exist yet. */
export class Skip extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Skip';
  }
}

export interface Target {
  op: '<=' | '<';
  limit: number;
}

/** Build a row comparing `value` with `baseline`, checking an optional ratio target. */
export function compare(
  id: string,
  label: string,
  unit: Unit,
  samples: number[] | number,
  baseline: { label: string; value: number } | undefined,
  target?: Target,
  note?: string,
): Row {
  const list = Array.isArray(samples) ? samples : [samples];
  const value = median(list);
  const row: Row = { id, label, unit, value, samples: Array.isArray(samples) ? list : undefined, note };
  if (baseline && baseline.value > 0) {
    row.baseline = baseline;
    row.ratio = value / baseline.value;
    if (target) {
      row.target = `${target.op === '<=' ? '≤' : '<'} ${target.limit.toFixed(2)}`;
      row.pass = target.op === '<=' ? row.ratio <= target.limit : row.ratio < target.limit;
    }
  }
  return row;
}

/**
 * Like `compare`, for samples taken in pairs (round i of ours beside round i
 * of the baseline): the ratio is the median of the per-round ratios, which a
 * load change between rounds cannot skew the way it skews a ratio of medians.
 */
export function pairedCompare(id: string, label: string, unit: Unit, samples: number[], baselineLabel: string, baselineSamples: number[], target?: Target, note?: string): Row {
  const row = compare(id, label, unit, samples, { label: baselineLabel, value: median(baselineSamples) }, target, note);
  const n = Math.min(samples.length, baselineSamples.length);
  if (n === 0 || row.ratio === undefined) return row;
  row.ratio = median(Array.from({ length: n }, (_, i) => samples[i]! / baselineSamples[i]!));
  if (target) row.pass = target.op === '<=' ? row.ratio <= target.limit : row.ratio < target.limit;
  row.note = [note, `median of ${n} paired rounds`].filter(Boolean).join('; ');
  return row;
}

/** A row that records an absolute threshold (e.g. dynamic tools < 2000 tokens). */
export function absolute(id: string, label: string, unit: Unit, value: number, op: '<' | '<=', limit: number, note?: string): Row {
  return {
    id,
    label,
    unit,
    value,
    target: `${op === '<=' ? '≤' : '<'} ${limit} ${unit}`,
    pass: op === '<=' ? value <= limit : value < limit,
    note,
  };
}

export function skippedRow(id: string, label: string, reason: string): Row {
  return { id, label, unit: 'ms', skipped: reason };
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
