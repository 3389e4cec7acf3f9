/**
 * The Markdown form of a change report, shaped for a pull-request comment and
 * a GitHub job summary: one summary line per package first (bump and counts),
 * then every breaking change, then each surface's other changes (long lists
 * folded in <details>), then the bump table. The whole text stays under
 * GitHub's 65,536-character comment limit: past it, change lines are left out
 * and a note says how many. Every spec-derived string is escaped; the last
 * line is always `Summary: <b> breaking, <n> non-breaking, <d> docs-only`.
 */
import { PACKAGES, type Change, type ChangeReport, type Counts, type Section, type Severity } from './model.js';

/** GitHub's limit on a comment body (and a comfortable size for a job summary). */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Lists longer than this are folded even when they are not docs-only. */
const FOLD_OVER = 10;

const SECTION_TITLES: Record<Section, string> = {
  all: 'All surfaces',
  client: 'TypeScript client',
  cli: 'CLI',
  mcp: 'MCP server',
};

const SEVERITY_TITLES: Record<Severity, string> = {
  breaking: 'Breaking',
  'non-breaking': 'Non-breaking',
  'docs-only': 'Docs-only',
};

/** Inline code that survives backticks and newlines in the text. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (!flat.includes('`')) return '`' + flat + '`';
  return '`` ' + flat.replace(/``+/g, (m) => m.split('').join(' ')) + ' ``';
}

/** Plain Markdown text: inline markup and HTML neutralised. */
export function text(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>|#~])/g, '\\$1');
}

function countsText(counts: Counts): string {
  return `${counts.breaking} breaking, ${counts.nonBreaking} non-breaking, ${counts.docsOnly} docs-only`;
}

export function summaryLine(report: Pick<ChangeReport, 'counts'>): string {
  return `Summary: ${countsText(report.counts)}`;
}

function pointerText(change: Change): string {
  const side = (p?: string) => (p === undefined ? '—' : code(p || '/'));
  return `old ${side(change.pointers.old)} → new ${side(change.pointers.new)}`;
}

function line(change: Change): string {
  return `- **${change.action}** ${text(change.element)} ${code(change.subject)}: ${text(change.reason)} (${pointerText(change)})`;
}

function sectionTitle(report: ChangeReport, section: Section): string {
  const pkg = report.packages;
  if (section === 'client') return `${SECTION_TITLES.client} (${code(pkg.client.name)})`;
  if (section === 'cli') return `${SECTION_TITLES.cli} (${code(pkg.cli.name)}, from the ${report.sources.cli === 'emitter' ? 'command table' : 'IR'})`;
  if (section === 'mcp') return `${SECTION_TITLES.mcp} (${code(pkg.mcp.name)}, from the ${report.sources.mcp === 'emitter' ? 'tool table' : 'IR'})`;
  return `${SECTION_TITLES.all} (stable names, endpoints, operation docs)`;
}

/** Lines out, change lines only while the budget lasts; structure lines are always kept (they are few and short). */
class Writer {
  readonly lines: string[] = [];
  used = 0;
  dropped = 0;
  shown = 0;
  constructor(private readonly budget: number) {}
  push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.used += l.length + 1;
    }
  }
  change(change: Change): void {
    const l = line(change);
    if (this.dropped > 0 || this.used + l.length + 1 > this.budget) {
      this.dropped++;
      return;
    }
    this.shown++;
    this.push(l);
  }
}

function packageSummary(report: ChangeReport): string[] {
  return PACKAGES.map((pkg) => {
    const b = report.packages[pkg];
    const version = b.current ? (b.next && b.next !== b.current ? ` ${b.current} → ${b.next}` : ` ${b.current}`) : '';
    return `- ${code(b.name)} (${pkg}): **${b.bump === 'none' ? 'no bump' : b.bump}**${version}${b.rules === '0.x' ? ' (0.x rules)' : ''}: ${countsText(b.counts)}`;
  });
}

function renderBody(report: ChangeReport, w: Writer, level: string): void {
  w.push(`${level} API change report: ${text(report.target)}`, '');
  w.push(...packageSummary(report), '');
  w.push(
    `Old ${code(report.old.sourceFile)} (API version ${text(report.old.version)}, ${report.old.operations} operations, ${report.old.types} types) → ` +
      `new ${code(report.new.sourceFile)} (API version ${text(report.new.version)}, ${report.new.operations} operations, ${report.new.types} types). ` +
      'Classification rules: `generator/diff/README.md`; each line gives the JSON pointer in the old and the new document.',
    '',
  );
  const sub = `${level}#`;
  if (report.changes.length === 0) {
    w.push('No changes on any surface.', '');
  }
  const breaking = report.changes.filter((c) => c.severity === 'breaking');
  if (breaking.length > 0) {
    w.push(`${sub} Breaking changes (${breaking.length})`, '');
    for (const section of ['all', 'client', 'cli', 'mcp'] as const) {
      const group = breaking.filter((c) => c.section === section);
      if (group.length === 0) continue;
      w.push(`**${sectionTitle(report, section)}**`, '');
      for (const c of group) w.change(c);
      w.push('');
    }
  }
  for (const section of ['all', 'client', 'cli', 'mcp'] as const) {
    const rest = report.changes.filter((c) => c.section === section && c.severity !== 'breaking');
    if (rest.length === 0) continue;
    w.push(`${sub} ${sectionTitle(report, section)}`, '');
    for (const severity of ['non-breaking', 'docs-only'] as const) {
      const group = rest.filter((c) => c.severity === severity);
      if (group.length === 0) continue;
      const fold = severity === 'docs-only' || group.length > FOLD_OVER;
      if (fold) w.push('<details>', `<summary>${SEVERITY_TITLES[severity]} (${group.length})</summary>`, '');
      else w.push(`**${SEVERITY_TITLES[severity]} (${group.length})**`, '');
      for (const c of group) w.change(c);
      w.push('');
      if (fold) w.push('</details>', '');
    }
  }
  w.push(`${sub} Suggested version bumps`, '');
  w.push('| Package | Current | Rules | Bump | Next | Breaking | Non-breaking | Docs-only |', '|---|---|---|---|---|---|---|---|');
  for (const pkg of PACKAGES) {
    const b = report.packages[pkg];
    w.push(`| ${code(b.name)} | ${b.current ?? 'unknown'} | ${b.rules} | ${b.bump} | ${b.next ?? '—'} | ${b.counts.breaking} | ${b.counts.nonBreaking} | ${b.counts.docsOnly} |`);
  }
  w.push(
    '',
    'Standard rules: breaking → major, non-breaking → minor, docs-only → patch. `0.x` rules (current version below 1.0.0): breaking → minor, anything else → patch.',
    '',
  );
}

export interface RenderOptions {
  /** Largest output in characters; default GitHub's comment limit. */
  limit?: number;
}

/** Room kept per report for what follows its last change line (headings, details tags, the bump table), the cut note and the summary. */
const RESERVE_PER_REPORT = 2_500;
const RESERVE = 1_000;

/** One or more targets' reports (e.g. every target of a pull request) in one comment, one final summary line. */
export function renderReports(reports: ChangeReport[], options: RenderOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const w = new Writer(limit - RESERVE - RESERVE_PER_REPORT * reports.length);
  const level = reports.length > 1 ? '##' : '#';
  if (reports.length > 1) w.push(`# API change report: ${reports.length} targets`, '');
  for (const report of reports) renderBody(report, w, level);
  if (w.dropped > 0) {
    w.push(
      `> **Cut to fit GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit:** ${w.dropped} of ${w.dropped + w.shown} change lines are not shown ` +
        '(the counts above include them). The full report: `npm run diff -- … --json`.',
      '',
    );
  }
  const total: Counts = { breaking: 0, nonBreaking: 0, docsOnly: 0 };
  for (const r of reports) {
    total.breaking += r.counts.breaking;
    total.nonBreaking += r.counts.nonBreaking;
    total.docsOnly += r.counts.docsOnly;
  }
  w.push(summaryLine({ counts: total }));
  return w.lines.join('\n') + '\n';
}

export function renderMarkdown(report: ChangeReport, options: RenderOptions = {}): string {
  return renderReports([report], options);
}
