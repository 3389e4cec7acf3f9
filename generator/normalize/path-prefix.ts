/**
 * The leading path segments that say where the API lives rather than what a
 * resource is (`/api/v2/users`, `/2010-04-01/Accounts`, `/gmail/v1/users`,
 * `/rest/api/3/issue`): a new target's config rewrites them away for naming,
 * so the client reads `client.users.list()`, not `client.api.v2.users.list()`.
 * Requests keep the path as the document writes it; the rewrites are written
 * into config.yaml (`pathRewrites`), where a maintainer sees them and may edit
 * or drop them.
 *
 * - The prefix a large majority of the paths share (MAJORITY) is left out
 *   whole, as a prefix every path shares always was.
 * - Elsewhere in those leading segments only the versions are left out: beside
 *   Jira's `/rest/api/3/`, `/rest/atlassian-connect/1/addons` is named
 *   `atlassian_connect.addons`, and Kubernetes-style `/apis/batch/v1/jobs`
 *   `apis.batch.jobs`.
 * - A rewrite that would give two paths one name is not made: those paths keep
 *   their versions (a bare number spelled `v1`, a valid identifier), else
 *   their whole prefix; the majority's names win over the others'.
 */
import { snakeCase } from '../names.js';
import { namingPath } from './path-query.js';

export interface PathRewrite {
  from: string;
  to: string;
}

/** A version segment: `v1`, `v2.1`, `v1beta2`. */
const VERSION_SEGMENT = /^v\d+(?:[._]\d+)*(?:(?:alpha|beta|preview)\d*)?$/i;

/**
 * A bare version number (`3`, `1`, `2.0`): a version only among a path's
 * leading location segments (first, or after `api` or the API's name), where
 * nothing else is a plain number; later in a path a number is a name (Box's
 * root folder `/folders/0`).
 */
const BARE_VERSION = /^\d+(?:\.\d+)*$/;

/** An API date, as Twilio's `/2010-04-01/`: a version too. */
const API_DATE = /^\d{4}-\d{2}-\d{2}$/;

const STRUCTURAL_WORD = /^(?:api|apis|rest|public)$/i;

/**
 * The share of the paths a prefix must lead to be left out whole when a few
 * paths lie elsewhere. Jira's `/rest/api/3/` leads 98% of its paths (the rest
 * are its Connect API), Mist's `/api/v1/` 97.6% (the rest webhook examples):
 * side areas are a few paths. Nine in ten still leaves one path in ten to a
 * side area, while a document split between versions or areas (Walmart's
 * `/v2/` and `/v3/` halves, Kubernetes' API groups) has no majority, and its
 * prefixes lose only their versions.
 */
const MAJORITY = 0.9;

type Role = 'word' | 'version' | 'name';

interface Location {
  /** The path's segments, as names read them (namingPath). */
  segments: string[];
  /** What each leading location segment is: `api` a word, `v1` a version, `gmail` (before `v1`) the API's name. */
  roles: Role[];
  /** Depths a prefix may end at: never between a name and its version. */
  cuts: number[];
}

function isParamSegment(segment: string): boolean {
  return segment.includes('{') || segment.startsWith(':');
}

function isVersion(segment: string | undefined): boolean {
  return segment !== undefined && !isParamSegment(segment) && (VERSION_SEGMENT.test(segment) || BARE_VERSION.test(segment) || API_DATE.test(segment));
}

function segmentsOf(path: string): string[] {
  return namingPath(path).split('/').filter(Boolean);
}

/** The leading segments of `path` that say where the API lives. */
function locationOf(path: string): Location {
  const segments = segmentsOf(path);
  const roles: Role[] = [];
  const cuts: number[] = [];
  for (let i = 0; i < segments.length && !isParamSegment(segments[i]!); ) {
    const segment = segments[i]!;
    if (STRUCTURAL_WORD.test(segment)) roles.push('word');
    else if (isVersion(segment)) roles.push('version');
    // The API's own name before its version (`/gmail/v1/`, `/rest/atlassian-connect/1/`).
    else if (isVersion(segments[i + 1])) roles.push('name', 'version');
    else break;
    i = roles.length;
    cuts.push(i);
  }
  return { segments, roles, cuts };
}

function prefixOf(segments: string[], depth: number): string {
  return depth === 0 ? '/' : `/${segments.slice(0, depth).join('/')}/`;
}

/**
 * The prefixes that every path they lead follows with a static segment, so
 * that leaving one out leaves no operation without a resource (`/v1/{id}` and
 * a lone `/v1` keep `v1`).
 */
function droppablePrefixes(all: string[][]): Set<string> {
  const blocked = new Set<string>();
  const seen = new Set<string>();
  for (const segments of all) {
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = prefixOf(segments, depth);
      seen.add(prefix);
      const next = segments[depth];
      if (next === undefined || isParamSegment(next)) blocked.add(prefix);
    }
  }
  return new Set([...seen].filter((p) => !blocked.has(p)));
}

/** The paths that share one location prefix, and the targets it may be rewritten to, best first. */
interface Group {
  from: string;
  targets: string[];
}

/** Rewrites `named` (a naming path) by the first rule whose `from` it starts with, as config `pathRewrites` apply. */
export function applyPathRewrites(rules: PathRewrite[], named: string): string {
  for (const r of rules) if (named.startsWith(r.from)) return r.to + named.slice(r.from.length);
  return named;
}

/** What two paths named alike share: the same static words, params anywhere the other has one. */
function nameShape(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => (isParamSegment(s) ? s.replace(/\{[^}]*\}/g, '{}').toLowerCase() : snakeCase(s) || s))
    .join('/');
}

/**
 * The rewrites that leave the location segments of `paths` out of names:
 * `[{ from: /api/v2/, to: / }]` when every path begins `/api/v2/`; none when
 * no path has such a prefix. Longest `from` first, as the first match applies.
 */
export function structuralRewrites(paths: string[]): PathRewrite[] {
  const locations = paths.map(locationOf);
  const droppable = droppablePrefixes(locations.map((l) => l.segments));
  const cutsOf = locations.map((l) => l.cuts.filter((d) => droppable.has(prefixOf(l.segments, d))));
  const majority = majorityPrefix(locations, cutsOf, paths.length);
  const groups = new Map<string, Group>();
  const groupOf = locations.map((l, i) => {
    const cuts = cutsOf[i]!;
    if (cuts.length === 0) return undefined;
    const depth = cuts[cuts.length - 1]!;
    const from = prefixOf(l.segments, depth);
    if (!groups.has(from)) {
      // The part of the majority prefix this path shares goes whole; the rest loses its versions.
      const shared = cuts.filter((d) => majority.startsWith(prefixOf(l.segments, d))).pop() ?? 0;
      const rest = l.segments.slice(shared, depth).map((segment, k) => ({ segment, role: l.roles[shared + k]! }));
      const unversioned = rest.filter((s) => s.role !== 'version').map((s) => s.segment);
      const spelled = rest.map((s) => (s.role === 'version' && /^\d/.test(s.segment) ? `v${s.segment}` : s.segment));
      const targets = [prefixOf(unversioned, unversioned.length), prefixOf(spelled, spelled.length), from];
      groups.set(from, { from, targets: [...new Set(targets)] });
    }
    return from;
  });
  const cutPrefixes = new Set(locations.flatMap((l, i) => cutsOf[i]!.map((d) => prefixOf(l.segments, d))));
  const majorityCuts = [...cutPrefixes].filter((p) => majority.startsWith(p) && !groups.has(p)).map((from) => ({ from, targets: ['/'] }));
  return resolveClashes(paths.map(namingPath), groupOf, [...groups.values()], majority, majorityCuts);
}

/** The longest droppable prefix at least MAJORITY of the paths share, or `''`. */
function majorityPrefix(locations: Location[], cutsOf: number[][], total: number): string {
  const count = new Map<string, number>();
  locations.forEach((l, i) => {
    for (const d of cutsOf[i]!) count.set(prefixOf(l.segments, d), (count.get(prefixOf(l.segments, d)) ?? 0) + 1);
  });
  // Prefixes led by nine in ten paths nest, so the longest is the deepest of one chain.
  const led = [...count].filter(([, n]) => n >= MAJORITY * total).map(([p]) => p);
  return led.sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0] ?? '';
}

function sortedRules(groups: Group[], choice: Map<string, number>): PathRewrite[] {
  return groups.map((g) => ({ from: g.from, to: g.targets[choice.get(g.from) ?? 0]! })).sort((a, b) => b.from.length - a.from.length || (a.from < b.from ? -1 : 1));
}

/**
 * Each group takes its best target that names no path like a path elsewhere
 * (a clash the document's own paths already have aside). On a clash every
 * group in it steps back to its next target, except the majority's, which
 * gives way only to paths no rewrite can move.
 */
function resolveClashes(named: string[], groupOf: Array<string | undefined>, groups: Group[], majority: string, majorityCuts: Group[]): PathRewrite[] {
  const choice = new Map(groups.map((g) => [g.from, 0]));
  const last = new Map(groups.map((g) => [g.from, g.targets.length - 1]));
  const original = named.map(nameShape);
  for (;;) {
    const rules = sortedRules(groups, choice);
    const byShape = new Map<string, number[]>();
    named.forEach((p, i) => {
      const shape = nameShape(applyPathRewrites(rules, p));
      (byShape.get(shape) ?? byShape.set(shape, []).get(shape)!).push(i);
    });
    const stepping = new Set<string>();
    for (const at of byShape.values()) {
      if (new Set(at.map((i) => original[i])).size < 2) continue;
      const movable = [...new Set(at.map((i) => groupOf[i]))].filter((g): g is string => g !== undefined && choice.get(g)! < last.get(g)!);
      const others = movable.filter((g) => g !== majority);
      for (const g of others.length ? others : movable) stepping.add(g);
    }
    // The majority prefix and its droppable shorter prefixes (`/api/` of `/api/v1/`) rewritten to `/` name no path
    // (each has its own longer rule), but beside them the rules of paths that had to keep their version read as the
    // one rule they amount to (`/api/ → /`, not `/api/v1/ → /v1/` and `/api/v2/ → /v2/`).
    if (stepping.size === 0) return withoutRedundant(sortedRules([...groups, ...majorityCuts], choice), named);
    for (const g of stepping) choice.set(g, choice.get(g)! + 1);
  }
}

/**
 * The rules that change some path's name: a rule the next matching one
 * already does (`/api/v1/ → /v1/` beside `/api/ → /`) or one that changes
 * nothing is left out.
 */
function withoutRedundant(rules: PathRewrite[], named: string[]): PathRewrite[] {
  const kept = [...rules];
  for (let i = 0; i < kept.length; ) {
    const rest = kept.filter((_, k) => k !== i);
    if (named.every((p) => applyPathRewrites(kept, p) === applyPathRewrites(rest, p))) kept.splice(i, 1);
    else i++;
  }
  return kept;
}
