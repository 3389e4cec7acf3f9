/**
 * The Markdown form of a change report. Every spec-derived string is escaped;
 * the last line is always `Summary: <b> breaking, <n> non-breaking, <d> docs-only`
 * so scripts can read it.
 */
import { PACKAGES, type Change, type ChangeReport, type Section, type Severity } from './model.js';

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

export function summaryLine(report: ChangeReport): string {
  const { breaking, nonBreaking, docsOnly } = report.counts;
  return `Summary: ${breaking} breaking, ${nonBreaking} non-breaking, ${docsOnly} docs-only`;
}

function pointerText(change: Change): string {
  const side = (p?: string) => (p === undefined ? '—' : code(p || '/'));
  return `old ${side(change.pointers.old)} → new ${side(change.pointers.new)}`;
}

function line(change: Change): string {
  return `- **${change.action}** ${text(change.element)} ${code(change.subject)}: ${text(change.reason)} (${pointerText(change)})`;
}

function sectionHeading(report: ChangeReport, section: Section): string {
  const pkg = report.packages;
  if (section === 'client') return `## ${SECTION_TITLES.client} (${code(pkg.client.name)})`;
  if (section === 'cli') return `## ${SECTION_TITLES.cli} (${code(pkg.cli.name)}, from the ${report.sources.cli === 'emitter' ? 'command table' : 'IR'})`;
  if (section === 'mcp') return `## ${SECTION_TITLES.mcp} (${code(pkg.mcp.name)}, from the ${report.sources.mcp === 'emitter' ? 'tool table' : 'IR'})`;
  return `## ${SECTION_TITLES.all} (stable names, endpoints, operation docs)`;
}

export function renderMarkdown(report: ChangeReport): string {
  const out: string[] = [];
  out.push(`# API change report: ${text(report.target)}`, '');
  for (const [label, doc] of [['Old', report.old], ['New', report.new]] as const) {
    out.push(`- ${label}: ${code(doc.sourceFile)} (API version ${text(doc.version)}, ${doc.operations} operations, ${doc.types} types)`);
  }
  out.push('', 'Classification rules: `generator/diff/README.md`. Each line gives the JSON pointer in the old and the new document.', '');

  if (report.changes.length === 0) out.push('No changes on any surface.', '');
  for (const section of ['all', 'client', 'cli', 'mcp'] as const) {
    const changes = report.changes.filter((c) => c.section === section);
    if (changes.length === 0) continue;
    out.push(sectionHeading(report, section), '');
    for (const severity of ['breaking', 'non-breaking', 'docs-only'] as const) {
      const group = changes.filter((c) => c.severity === severity);
      if (group.length === 0) continue;
      if (severity === 'docs-only') {
        out.push('<details>', `<summary>${SEVERITY_TITLES[severity]} (${group.length})</summary>`, '');
        out.push(...group.map(line), '', '</details>', '');
      } else {
        out.push(`### ${SEVERITY_TITLES[severity]} (${group.length})`, '', ...group.map(line), '');
      }
    }
  }

  out.push('## Suggested version bumps', '');
  out.push('| Package | Current | Rules | Bump | Next | Breaking | Non-breaking | Docs-only |', '|---|---|---|---|---|---|---|---|');
  for (const pkg of PACKAGES) {
    const b = report.packages[pkg];
    out.push(`| ${code(b.name)} | ${b.current ?? 'unknown'} | ${b.rules} | ${b.bump} | ${b.next ?? '—'} | ${b.counts.breaking} | ${b.counts.nonBreaking} | ${b.counts.docsOnly} |`);
  }
  out.push(
    '',
    'Standard rules: breaking → major, non-breaking → minor, docs-only → patch. `0.x` rules (current version below 1.0.0): breaking → minor, anything else → patch.',
    '',
    summaryLine(report),
  );
  return out.join('\n') + '\n';
}
