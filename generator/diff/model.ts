/**
 * The change report: the data behind both the Markdown and the `--json`
 * output of `npm run diff`. Plain data, deterministically ordered.
 */

export type Severity = 'breaking' | 'non-breaking' | 'docs-only';

/** Where a change is listed: one generated surface, or `all` for changes every surface shares. */
export type Section = 'all' | 'client' | 'cli' | 'mcp';

/** The generated packages whose version a change should bump. */
export type PackageId = 'client' | 'cli' | 'mcp';
export const PACKAGES: readonly PackageId[] = ['client', 'cli', 'mcp'];

export type Action = 'added' | 'removed' | 'changed' | 'renamed' | 'kept';

export interface Change {
  section: Section;
  /** What kind of element changed: method, param, type, field, enum, union, command, flag, tool, input, required, annotation, name, docs… */
  element: string;
  action: Action;
  /** The element as users see it, e.g. `admin.organization.projects.create({ geography })` or `--geography`. */
  subject: string;
  severity: Severity;
  /** One line: why this is classified as it is. */
  reason: string;
  /** JSON pointers of the element in the old and the new OpenAPI document (absent when it does not exist there). */
  pointers: { old?: string; new?: string };
  /** Packages whose users see this change (drives the semver suggestion). */
  affects: PackageId[];
  /**
   * For a change every surface shares (section `all`): the element as CLI and MCP users type it
   * (`bin group command --flag`, `tool.input`), from the emitters' tables; the changelogs use it.
   */
  as?: Partial<Record<'cli' | 'mcp', string>>;
}

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface PackageBump {
  /** npm package name from the IR. */
  name: string;
  /** Current version of the committed generated package, when known. */
  current?: string;
  /** `0.x` when the current version is below 1.0.0 (breaking → minor, not major). */
  rules: 'standard' | '0.x';
  bump: Bump;
  /** `current` with the bump applied, when `current` is known. */
  next?: string;
  counts: Counts;
}

export interface Counts {
  breaking: number;
  nonBreaking: number;
  docsOnly: number;
}

export interface ChangeReport {
  target: string;
  old: DocumentInfo;
  new: DocumentInfo;
  /** Where the surface tables came from: the real emitters' tables, or the IR when an emitter is unavailable. */
  sources: Record<'cli' | 'mcp', 'emitter' | 'ir'>;
  changes: Change[];
  counts: Counts;
  packages: Record<PackageId, PackageBump>;
}

export interface DocumentInfo {
  sourceFile: string;
  version: string;
  operations: number;
  types: number;
}

export function countChanges(changes: readonly Change[]): Counts {
  const counts: Counts = { breaking: 0, nonBreaking: 0, docsOnly: 0 };
  for (const change of changes) {
    if (change.severity === 'breaking') counts.breaking++;
    else if (change.severity === 'non-breaking') counts.nonBreaking++;
    else counts.docsOnly++;
  }
  return counts;
}

const SECTION_ORDER: Record<Section, number> = { all: 0, client: 1, cli: 2, mcp: 3 };
const SEVERITY_ORDER: Record<Severity, number> = { breaking: 0, 'non-breaking': 1, 'docs-only': 2 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by section, severity, subject, then the rest, so equal input always gives equal output. */
export function sortChanges(changes: Change[]): Change[] {
  return changes.sort(
    (a, b) =>
      SECTION_ORDER[a.section] - SECTION_ORDER[b.section] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.subject, b.subject) ||
      cmp(a.element, b.element) ||
      cmp(a.action, b.action) ||
      cmp(a.reason, b.reason) ||
      cmp(a.pointers.old ?? '', b.pointers.old ?? '') ||
      cmp(a.pointers.new ?? '', b.pointers.new ?? ''),
  );
}

/** Drop exact duplicates (one shape reached twice, e.g. a param and its body). */
export function dedupeChanges(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = JSON.stringify([c.section, c.element, c.action, c.subject, c.severity, c.reason, c.pointers.old, c.pointers.new]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
