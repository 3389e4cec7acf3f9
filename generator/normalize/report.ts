/**
 * Collects every transformation and every construct that could not be
 * represented, each with its JSON pointer, so nothing is dropped silently.
 */
import type { ReportEntry } from '../ir/types.js';
import { noteEffect } from './replay.js';

export class Reporter {
  readonly entries: ReportEntry[] = [];
  private seen = new Set<string>();

  add(level: ReportEntry['level'], code: string, message: string, pointer: string): void {
    noteEffect({ kind: 'report', level, code, message, pointer });
    const id = `${level}\u0000${code}\u0000${pointer}\u0000${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.entries.push({ level, code, message, pointer });
  }
  info(code: string, message: string, pointer: string): void {
    this.add('info', code, message, pointer);
  }
  warn(code: string, message: string, pointer: string): void {
    this.add('warning', code, message, pointer);
  }
  unsupported(code: string, message: string, pointer: string): void {
    this.add('unsupported', code, message, pointer);
  }

  /** Deterministic order: level, code, pointer, message. */
  sorted(): ReportEntry[] {
    const rank = { unsupported: 0, warning: 1, info: 2 } as const;
    return [...this.entries].sort(
      (a, b) =>
        rank[a.level] - rank[b.level] ||
        cmp(a.code, b.code) ||
        cmp(a.pointer, b.pointer) ||
        cmp(a.message, b.message),
    );
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts per level and code, e.g. for the one-line CLI summary. */
export function summarize(report: ReportEntry[]): { level: string; code: string; count: number }[] {
  const counts = new Map<string, { level: string; code: string; count: number }>();
  for (const e of report) {
    const k = `${e.level}\u0000${e.code}`;
    const c = counts.get(k) ?? { level: e.level, code: e.code, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  return [...counts.values()];
}

/** Markdown rendering of the report (spec/<target>/report.md). */
export function renderReportMarkdown(target: string, sourceFile: string, operationCount: number, typeCount: number, report: ReportEntry[], header: string): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/`/g, "'");
  const lines: string[] = [header.trimEnd(), '', `# Normalization report: ${target}`, ''];
  lines.push(`Source: \`${sourceFile.replace(/`/g, "'")}\` · ${operationCount} operations · ${typeCount} named types · ${report.length} entries.`, '');
  lines.push('## Summary', '', '| Level | Code | Count |', '|---|---|---|');
  for (const s of summarize(report)) lines.push(`| ${s.level} | ${esc(s.code)} | ${s.count} |`);
  for (const level of ['unsupported', 'warning', 'info'] as const) {
    const items = report.filter((e) => e.level === level);
    if (!items.length) continue;
    lines.push('', `## ${level === 'unsupported' ? 'Not representable' : level === 'warning' ? 'Warnings' : 'Transformations'}`, '');
    lines.push('| Code | Pointer | Message |', '|---|---|---|');
    for (const e of items) lines.push(`| ${esc(e.code)} | \`${esc(e.pointer || '/')}\` | ${esc(e.message)} |`);
  }
  return lines.join('\n') + '\n';
}
