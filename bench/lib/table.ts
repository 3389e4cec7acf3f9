/** Plain-text table of all measures: value, baseline, ratio, target, verdict, note. */
import type { MeasureResult, Row, Unit } from './types.js';

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    case 'µs':
      return `${value.toFixed(1)} µs`;
    case 'bytes':
      return value >= 10_000 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`;
    case 'tokens':
      return `${Math.round(value).toLocaleString('en-US')} tok`;
  }
}

function verdict(row: Row): string {
  if (row.pass === undefined) return '';
  return row.pass ? 'PASS' : 'MISS';
}

/** Two decimals, or three when two would print the target's own limit (1.30 vs ≤ 1.30 but MISS). */
function ratioText(row: Row): string {
  const two = row.ratio!.toFixed(2);
  return `${row.target?.endsWith(` ${two}`) ? row.ratio!.toFixed(3) : two}×`;
}

const HEADER = ['metric', 'value', 'baseline', 'ratio', 'target', 'ok', 'note'];
const MAX = [56, 12, 34, 8, 14, 4, 200];

export function renderTable(results: MeasureResult[]): string {
  type Line = { cells: string[] } | { text: string };
  const lines: Line[] = [];
  for (const r of results) {
    const status = r.status === 'skipped' || r.status === 'failed' ? ` — ${r.status}: ${r.reason}` : r.status === 'partial' ? ' — partial' : '';
    lines.push({ text: '' }, { text: `== ${r.title} [${r.measure}, ${r.seconds.toFixed(1)} s]${status}` });
    for (const row of r.rows) {
      if (row.skipped) {
        lines.push({ cells: [row.label, 'skipped:', row.skipped] });
        continue;
      }
      lines.push({
        cells: [
          row.label,
          formatValue(row.value, row.unit),
          row.baseline ? `${formatValue(row.baseline.value, row.unit)} ${row.baseline.label}` : '',
          row.ratio !== undefined ? ratioText(row) : '',
          row.target ?? '',
          verdict(row),
          row.note ?? '',
        ],
      });
    }
  }
  const full = lines.filter((l): l is { cells: string[] } => 'cells' in l && l.cells[1] !== 'skipped:');
  const width = HEADER.map((h, i) => Math.min(MAX[i]!, Math.max(h.length, ...full.map((l) => l.cells[i]!.length))));
  const fit = (c: string, i: number) => (c.length > width[i]! ? c.slice(0, width[i]! - 1) + '…' : c.padEnd(width[i]!));
  const out = [HEADER.map(fit).join('  ').trimEnd(), width.map((w) => '-'.repeat(Math.min(w, 40))).join('  ')];
  for (const l of lines) {
    if ('text' in l) out.push(l.text);
    else if (l.cells[1] === 'skipped:') out.push(`${fit(l.cells[0]!, 0)}  skipped: ${l.cells[2]}`);
    else out.push(l.cells.map(fit).join('  ').trimEnd());
  }
  return out.join('\n');
}
