/**
 * Resource and method names from paths and verbs, config overrides, and the
 * user-visible stable names (MCP tool, CLI group/command, client path, type
 * prefix). Every case conversion comes from generator/names.ts.
 */
import { GeneratorError } from '../errors.js';
import type { HttpMethod, MethodKind, StableNames } from '../ir/types.js';
import { camelCase, kebabCase, pascalCase, singularName, snakeCase, words } from '../names.js';
import { globToRegex, type HintOverride, type OperationOverride, type TargetConfig } from './config.js';
import type { Reporter } from './report.js';
import { reservedAccessors } from './reserved.js';

/** POST leaves with these names are actions on the parent resource, not sub-resources. */
const ACTION_VERBS = new Set([
  'activate', 'deactivate', 'archive', 'unarchive', 'cancel', 'approve', 'reject', 'accept', 'decline',
  'restore', 'pause', 'resume', 'complete', 'submit', 'verify', 'publish', 'unpublish', 'enable', 'disable',
  'revoke', 'reset', 'refresh', 'rotate', 'retry', 'start', 'stop', 'finalize', 'validate', 'search',
  'import', 'export', 'lock', 'unlock', 'copy', 'move', 'send', 'upload', 'download', 'apply', 'confirm',
]);

export interface NamingInput {
  httpMethod: HttpMethod;
  path: string;
  operationId: string;
  pointer: string;
  /** The GET on this path paginates (a list), which separates collections from singletons. */
  paginated: boolean;
  /** The response is list-like (top-level array or `data` array). */
  listLike: boolean;
}

export interface Naming {
  resource: string[];
  method: string;
  kind: MethodKind;
  /** Hints from the matching `operations` config entry, applied over the rule result in buildOperation. */
  hints?: { override: HintOverride; key: string };
}

/** A format suffix on a path segment (`Addresses.json`, `{Sid}.json`): the format, not a word of the name. */
export const FORMAT_SUFFIX = /\.(json|xml|csv|ya?ml|txt|html?|atom|rss|ndjson|jsonl)$/i;

function isParamSegment(seg: string): boolean {
  return /^\{[^}]+\}$/.test(seg) || /^:[A-Za-z_]/.test(seg);
}

function cleanSegment(seg: string): string {
  // `{id}:cancel`-style segments keep their static part.
  return snakeCase(seg.replace(/\{[^}]*\}/g, '')) || 'root';
}

/**
 * The path that names derive from: no query string (`/responses?beta=true`),
 * no trailing slash, no format suffix (`/Addresses/{Sid}.json` → `/Addresses/{Sid}`).
 * Case is left to the word splitting; collisions.ts ranks what still clashes.
 */
export function namingPath(path: string): string {
  const bare = path.split('?')[0]!.replace(/(.)\/+$/, '$1');
  return bare.split('/').map((s) => s.replace(FORMAT_SUFFIX, '')).join('/');
}

export function rewritePath(cfg: TargetConfig, path: string): string {
  const named = namingPath(path);
  for (const r of cfg.pathRewrites ?? []) if (named.startsWith(r.from)) return r.to + named.slice(r.from.length);
  return named;
}

/** The `operations` config entry for `METHOD /path`: the exact key, else the first matching glob. */
export function findOverride(cfg: TargetConfig, key: string): { o: OperationOverride; captures: string[]; pattern: string } | undefined {
  const ops = cfg.operations ?? {};
  if (ops[key]) return { o: ops[key]!, captures: [], pattern: key };
  for (const pattern of Object.keys(ops).sort()) {
    if (!pattern.includes('*')) continue;
    const m = globToRegex(pattern).exec(key);
    if (m) return { o: ops[pattern]!, captures: m.slice(1), pattern };
  }
  return undefined;
}

/** Resource and method of every operation; `all` gives the full path set (for item-path lookups). */
export function inferNames(cfg: TargetConfig, ops: NamingInput[], allPaths: string[], report: Reporter): Naming[] {
  // Lookups ignore case and param names: `/Things` is a collection when `/things/{id}` exists.
  const shapeOf = (path: string) => path.toLowerCase().replace(/\{[^}]*\}/g, '{}');
  const rewritten = new Set(allPaths.map((p) => shapeOf(rewritePath(cfg, p))));
  const verbs = new Set([...ACTION_VERBS, ...(cfg.actionVerbs ?? [])]);
  const getInfo = new Map<string, NamingInput>();
  for (const op of ops) if (op.httpMethod === 'get' && !getInfo.has(shapeOf(rewritePath(cfg, op.path)))) getInfo.set(shapeOf(rewritePath(cfg, op.path)), op);
  const root = cfg.root ? [cfg.root] : [];

  return ops.map((op) => {
    const key = `${op.httpMethod.toUpperCase()} ${op.path}`;
    let path = rewritePath(cfg, op.path);
    // A custom method (`/items/{id}:cancel`, `/items:batchGet`, as Google's APIs write them) is an action named by its verb.
    const custom = /^(.*[^/]):([A-Za-z][A-Za-z0-9_]*)$/.exec(path);
    if (custom) path = custom[1]!;
    const segs = path.split('/').filter(Boolean);
    const statics = segs.filter((s) => !isParamSegment(s)).map(cleanSegment);
    const last = segs[segs.length - 1];
    let resource = statics;
    let method: string;
    let kind: MethodKind;
    const m = op.httpMethod;
    if (custom) {
      method = snakeCase(custom[2]!);
      kind = m === 'get' ? 'retrieve' : 'action';
    } else if (last !== undefined && isParamSegment(last)) {
      [method, kind] = m === 'get' ? ['retrieve', 'retrieve'] : m === 'delete' ? ['delete', 'delete'] : m === 'post' || m === 'put' || m === 'patch' ? ['update', 'update'] : [m, 'action'];
    } else {
      const leaf = statics[statics.length - 1];
      const nonGetOnly = !getInfo.has(shapeOf(path));
      if (m === 'post' && leaf && statics.length > 1 && verbs.has(leaf) && nonGetOnly) {
        resource = statics.slice(0, -1);
        method = leaf;
        kind = 'action';
      } else {
        const hasItem = rewritten.has(shapeOf(path) + '/{}');
        const get = getInfo.get(shapeOf(path));
        const singleton = !hasItem && get !== undefined && !get.paginated && !get.listLike;
        if (singleton) {
          [method, kind] = m === 'get' ? ['retrieve', 'retrieve'] : m === 'delete' ? ['delete', 'delete'] : m === 'post' || m === 'put' || m === 'patch' ? ['update', 'update'] : [m, 'action'];
        } else {
          [method, kind] = m === 'get' ? ['list', 'list'] : m === 'post' ? ['create', 'create'] : m === 'delete' ? ['delete', 'delete'] : m === 'put' || m === 'patch' ? ['update', 'update'] : [m, 'action'];
        }
      }
    }
    if (resource.length === 0) resource = ['root'];
    resource = [...root, ...resource];
    const found = findOverride(cfg, key);
    let hints: Naming['hints'];
    if (found) {
      const { o, captures } = found;
      const sub = (t: string) => t.replace(/\$(\d)/g, (_, i) => captures[Number(i) - 1] ?? '');
      if (o.resource) resource = sub(o.resource).split('.').map(snakeCase);
      if (o.method) method = snakeCase(sub(o.method));
      // A renamed method keeps the kind its verb implies (usage.costs is still a list) unless config says otherwise.
      if (o.kind) kind = o.kind;
      // A hints-only entry renames nothing, so it is not a name override.
      if (o.resource || o.method || o.kind) report.info('name-override', `Config names it \`${resource.join('.')}.${method}\`.`, op.pointer);
      if (o.hints && Object.keys(o.hints).length) hints = { override: o.hints, key: found.pattern };
    }
    return { resource, method, kind, ...(hints ? { hints } : {}) };
  });
}

/** An operationId with no separators whose words are not real words (e.g. `Getorganizationspendlimit`). */
export function isUglyOperationId(id: string): boolean {
  if (/[-_\s.]/.test(id)) return false;
  return words(id).some((w) => w.length > 15);
}

/**
 * The words an operation without an operationId is called by in MCP: its
 * method and resource path (`retrieve_accounts_address`, `list_things`),
 * rather than the derived id's method and raw path segments.
 */
export function toolWords(n: Naming): string {
  const res = [...n.resource];
  if (n.kind !== 'list' && res.length) res[res.length - 1] = singularName(res[res.length - 1]!);
  return snakeCase([n.method, ...res].join(' '));
}

/** `base` is what the name is made of when it is not the operationId (see toolWords). */
export function mcpToolName(cfg: TargetConfig, operationId: string, pointer: string, report: Reporter, base: string = operationId): string {
  const override = cfg.mcpNames?.[operationId];
  if (override) {
    report.info('mcp-name-override', `Config names the MCP tool \`${cfg.packages.toolPrefix}${override}\` for operationId \`${operationId}\`.`, pointer);
    return cfg.packages.toolPrefix + snakeCase(override);
  }
  if (base === operationId && isUglyOperationId(operationId)) {
    report.warn('ugly-operation-id', `operationId \`${operationId}\` has no word separators; the MCP tool name derived from it is unreadable. Add an \`mcpNames\` entry to the config.`, pointer);
  }
  let name = cfg.packages.toolPrefix + snakeCase(base);
  if (name.length > 64) {
    // Truncate and add a hash of the full id, so that two long ids sharing a prefix stay distinct.
    const cut = `${name.slice(0, 57).replace(/_+$/, '')}_${shortHash(operationId)}`;
    report.warn('mcp-name-truncated', `MCP tool name \`${name}\` exceeds 64 characters; shortened to \`${cut}\`.`, pointer);
    name = cut;
  }
  return name;
}

/** Six base-36 characters from an FNV-1a hash: deterministic, not order-dependent. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(6, '0').slice(-6);
}

export function stableNames(cfg: TargetConfig, n: Naming, mcpTool: string, report?: { reporter: Reporter; pointer: string }): StableNames {
  const skip = Math.min(cfg.typePrefixSkip ?? 0, n.resource.length - 1);
  const natural = [...n.resource.map(camelCase), camelCase(n.method)];
  return {
    mcpTool,
    cliGroup: n.resource.map(kebabCase).join(':'),
    cliCommand: kebabCase(n.method),
    clientPath: safeClientPath(natural, report),
    typePrefix: typePrefixOf(n.resource.slice(skip), n.method),
  };
}

/**
 * Accessors that would replace a member of the client core or of every object
 * (`client.request`, `things.constructor`) take a trailing underscore.
 */
function safeClientPath(path: string[], report?: { reporter: Reporter; pointer: string }): string[] {
  const { root, member } = reservedAccessors();
  return path.map((name, i) => {
    if (!(i === 0 ? root : member).has(name)) return name;
    const safe = `${name}_`;
    report?.reporter.info(
      'accessor-renamed',
      `\`${name}\` is a member of the ${i === 0 ? 'client class' : 'resource classes'} (or of every object); the client calls it \`${safe}\` (\`${path.slice(0, i).concat(safe).join('.')}\`).`,
      report.pointer,
    );
    return safe;
  });
}

export function typePrefixOf(resource: string[], method: string): string {
  return resource.map((r) => pascalCase(singularName(r))).join('') + pascalCase(method);
}

/** Fail (configured targets) or explain (inferred ones) when two operations share a user-visible name. */
export function assertUnique(
  items: Array<{ key: string; value: string; pointer: string }>,
  what: string,
  hint: string,
): void {
  const seen = new Map<string, { key: string; pointer: string }>();
  for (const it of items) {
    const prev = seen.get(it.value);
    if (prev) {
      throw new GeneratorError(
        `Name collision: ${what} \`${it.value}\` is derived for both \`${prev.key}\` (${prev.pointer}) and \`${it.key}\`.`,
        { pointer: it.pointer },
        hint,
      );
    }
    seen.set(it.value, { key: it.key, pointer: it.pointer });
  }
}
