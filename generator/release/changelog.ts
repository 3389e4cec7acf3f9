/**
 * One Keep a Changelog entry per package and release, written from the change
 * report. Sections: Breaking, Added, Changed, Fixed, Documentation. Every line
 * names what the package's users type (a client method or type, a CLI command
 * and flag, an MCP tool and argument) and the JSON pointer of the element in
 * the OpenAPI document. Spec text is escaped: it is untrusted input.
 */
import type { NormalizedSpec } from '../ir/types.js';
import type { Change, ChangeReport, PackageId } from '../diff/model.js';
import { code, text } from '../diff/render.js';

export const CHANGELOG_SECTIONS = ['Breaking', 'Added', 'Changed', 'Fixed', 'Documentation'] as const;
export type ChangelogSection = (typeof CHANGELOG_SECTIONS)[number];

export interface ChangelogLine {
  section: ChangelogSection;
  /** Markdown, already escaped, without the leading `- `. */
  markdown: string;
}

export function sectionOf(change: Change): ChangelogSection {
  if (change.severity === 'breaking') return 'Breaking';
  if (change.severity === 'docs-only') return 'Documentation';
  return change.action === 'added' ? 'Added' : 'Changed';
}

/** The pointer that locates the change: the old one for a removal, else the new one. */
export function pointerOf(change: Change): string | undefined {
  const { old, new: now } = change.pointers;
  return change.action === 'removed' ? (old ?? now) : (now ?? old);
}

/**
 * What users of `pkg` type for a change listed under another surface: the
 * shared "all surfaces" section names client methods, which become the
 * command or the tool of the same operation.
 */
function subjectFor(pkg: PackageId, change: Change, specs: NormalizedSpec[]): string {
  if (change.section === pkg || pkg === 'client') return change.subject;
  if (change.section === 'all' && change.as?.[pkg]) return change.as[pkg]!;
  const method = /^(.*)\(\)$/.exec(change.subject)?.[1];
  if (change.section === 'all' && method) {
    for (const spec of specs) {
      const op = spec.operations.find((o) => o.names.clientPath.join('.') === method);
      if (!op) continue;
      return pkg === 'cli' ? `${spec.packages.cliBin} ${op.names.cliGroup} ${op.names.cliCommand}` : op.names.mcpTool;
    }
  }
  return change.subject;
}

function lineFor(pkg: PackageId, change: Change, specs: NormalizedSpec[]): ChangelogLine {
  const pointer = pointerOf(change);
  // Data types the client exports are what a command prints and a tool returns or accepts.
  const context = pkg !== 'client' && change.section === 'client' ? ' (data shared with the client)' : '';
  const where = pointer === undefined ? '' : ` (${code(pointer || '/')})`;
  return { section: sectionOf(change), markdown: `${code(subjectFor(pkg, change, specs))}${context}: ${text(change.reason)}${where}` };
}

/** The lines of `pkg`'s entry: every change whose users include the package. */
export function changelogLines(report: ChangeReport, pkg: PackageId, specs: NormalizedSpec[]): ChangelogLine[] {
  const mine = report.changes.filter((c) => c.affects.includes(pkg));
  // The package's own surface first (commands and flags for the CLI), then what it shares.
  const own = (c: Change) => (c.section === pkg ? 0 : c.section === 'all' ? 1 : 2);
  return [...mine].sort((a, b) => own(a) - own(b)).map((c) => lineFor(pkg, c, specs));
}

export interface EntryInput {
  version: string;
  /** `YYYY-MM-DD`, written once by `release`. */
  date: string;
  /** One line under the heading: which document, compared with what. */
  intro: string;
  lines: ChangelogLine[];
}

export function renderEntry(entry: EntryInput): string {
  const out = [`## [${entry.version}] - ${entry.date}`, '', entry.intro, ''];
  for (const section of CHANGELOG_SECTIONS) {
    const lines = entry.lines.filter((l) => l.section === section);
    if (lines.length === 0) continue;
    out.push(`### ${section}`, '', ...lines.map((l) => `- ${l.markdown}`), '');
  }
  return out.join('\n');
}

/** New entry first, then the older ones; one blank line between entries, one newline at the end. */
export function prependEntry(existing: string | undefined, entry: string): string {
  const older = (existing ?? '').trim();
  return `${entry.trim()}\n${older ? `\n${older}\n` : ''}`;
}
