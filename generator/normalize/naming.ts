/**
 * Resource and method names from paths and verbs, config overrides, and the
 * user-visible stable names (MCP tool, CLI group/command, client path, type
 * prefix). Every case conversion comes from generator/names.ts.
 */
import { GeneratorError } from '../errors.js';
import type { HttpMethod, MethodKind, Operation, StableNames } from '../ir/types.js';
import { camelCase, kebabCase, pascalCase, singularName, snakeCase, words } from '../names.js';
import { globToRegex, type HintOverride, type OperationOverride, type TargetConfig } from './config.js';
import { applyPathRewrites } from './path-prefix.js';
import { namingPath, queryNamespace, splitPathQuery, withoutQuery } from './path-query.js';
import type { Reporter } from './report.js';
import { reservedAccessors } from './reserved.js';

/** Path leaves with these names are actions on the parent resource, not sub-resources; so is a POST on an item whose operationId leads with one. */
const ACTION_VERBS = new Set([
  'activate', 'deactivate', 'archive', 'unarchive', 'cancel', 'approve', 'reject', 'accept', 'decline',
  'restore', 'pause', 'resume', 'complete', 'submit', 'verify', 'publish', 'unpublish', 'enable', 'disable',
  'revoke', 'reset', 'refresh', 'rotate', 'retry', 'start', 'stop', 'finalize', 'validate', 'search',
  'import', 'export', 'lock', 'unlock', 'copy', 'move', 'send', 'upload', 'download', 'apply', 'confirm',
  'run', 'compact', 'hangup', 'refer', 'remix', 'transfer', 'merge', 'sync', 'close', 'reopen',
  // Lifecycle and state changes of payments, machines, messages and subscriptions.
  'capture', 'refund', 'void', 'expire', 'pay', 'reverse', 'advance', 'fail', 'succeed', 'redact', 'increment',
  'attach', 'detach', 'connect', 'disconnect', 'assign', 'unassign', 'reassign', 'claim', 'register', 'unregister',
  'deregister', 'provision', 'deprovision', 'clone', 'duplicate', 'instantiate', 'rename', 'boot', 'reboot',
  'restart', 'shutdown', 'suspend', 'unsuspend', 'terminate', 'abort', 'resize', 'rebuild', 'migrate', 'rescue',
  'recycle', 'regenerate', 'generate', 'upgrade', 'downgrade', 'rollback', 'rerun', 'rerequest', 'reprocess',
  'reindex', 'reconcile', 'reschedule', 'trigger', 'execute', 'ping', 'notify', 'invite', 'subscribe',
  'unsubscribe', 'follow', 'unfollow', 'mute', 'unmute', 'block', 'unblock', 'star', 'unstar', 'pin', 'unpin',
  'unshare', 'trash', 'untrash', 'dismiss', 'resolve', 'acknowledge', 'snooze', 'unsnooze', 'escalate',
  'authorize', 'deny', 'convert', 'calculate', 'estimate', 'evaluate', 'simulate', 'clear', 'fund', 'present',
  'transition', 'unlink',
]);

/**
 * The verbs of the usual methods and their synonyms (`set_parent`, `modify`,
 * `mark_uncollectible`), which also name an action when a path ends with one
 * (`POST /settings/delete`, `GET /users/list`, `POST /tags/add`):
 * leaves only, so a POST on an item whose operationId leads with one
 * (`updateThing`) stays that item's `update`.
 */
const METHOD_VERBS = ['create', 'add', 'get', 'list', 'query', 'update', 'delete', 'remove', 'set', 'unset', 'save', 'modify', 'make', 'mark'];

/** Whether a leaf segment names an action: a verb (`cancel`) or a phrase led by one (`submit_tool_outputs`). */
function isActionLeaf(leaf: string, verbs: Set<string>): boolean {
  return verbs.has(leaf) || verbs.has(words(leaf)[0] ?? '');
}

/**
 * A root segment that is an RPC call, a verb followed by what it acts on (`createAccountHolder`, `get_me`,
 * `delete-resource-permission`): its verb and its noun phrase's words. A bare verb (`/search`) is none.
 */
function rootPhrase(segment: string, verbs: Set<string>): { verb: string; noun: string[] } | undefined {
  if (/[{}:]/.test(segment)) return undefined;
  const [verb, ...noun] = words(segment);
  return verb && noun.length && verbs.has(verb) ? { verb, noun } : undefined;
}

/**
 * The verbs a GET's root phrase may lead with: the reads of the lists above. A GET led by another verb (`/update_logs`,
 * `/export_jobs`) is more likely a collection named so than a call, and a GET named `update` would mislead.
 */
const READ_VERBS = new Set(['get', 'list', 'query', 'search']);

/**
 * The resource a root phrase's noun names: a root resource the paths already have that it is the singular or
 * plural of (`/createAccount` beside `/accounts` is `accounts.create`), else the noun as written.
 */
function nounResource(noun: string[], rootSegments: Set<string>): string {
  const written = snakeCase(noun.join(' '));
  if (rootSegments.has(written)) return written;
  const same = [...rootSegments].filter((s) => singularName(s) === singularName(written));
  return same.length === 1 ? same[0]! : written;
}

/**
 * The verb an operationId leads with when it is an action (`cancelEvalRun` → `cancel`):
 * a POST on an item path is an update unless its id says it does something else.
 */
function actionVerbOfId(operationId: string, verbs: Set<string>): string | undefined {
  const first = words(operationId)[0];
  return first && verbs.has(first) ? first : undefined;
}

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

/** A name before config overrides; an action named by its path's verb leaf keeps the sub-resource name it gives way to. */
interface RuleNaming {
  resource: string[];
  method: string;
  kind: MethodKind;
  asResource?: { resource: string[]; method: string; kind: MethodKind };
  /** Named by a root RPC phrase (`/createAccount` → `account.create`): gives way to any other operation's name. */
  rootPhrase?: boolean;
}

/** The identifier every case conversion of a key shares: `a_b.list` and `a.b.list` both fold to `a_b_list`. */
export function foldKey(key: string): string {
  return words(key).join('_');
}

/** A last path segment of dot-separated words (`chat.postMessage`); a format suffix is gone by then (namingPath). */
const DOTTED_METHOD = /^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)+$/;

/**
 * A segment that stands for one item: a param, or a bare number, which is an item's fixed id (Box's
 * `/users/{user_id}/folders/0`, the root folder), never a word: it was a resource named `0`
 * (`users.folders.0.update()`). Leading version numbers are gone by then (path-prefix.ts).
 */
function isItemSegment(seg: string): boolean {
  return /^\{[^}]+\}$/.test(seg) || /^:[A-Za-z_]/.test(seg) || /^\d+$/.test(seg);
}

function cleanSegment(seg: string): string {
  // `{id}:cancel`-style segments keep their static part.
  return snakeCase(seg.replace(/\{[^}]*\}/g, '')) || 'root';
}

export function rewritePath(cfg: TargetConfig, path: string): string {
  return applyPathRewrites(cfg.pathRewrites ?? [], namingPath(path));
}

/** The `operations` config entry for `METHOD /path`: exact key, then globs; a path key's fixed query may be left out of either. */
export function findOverride(cfg: TargetConfig, key: string): { o: OperationOverride; captures: string[]; pattern: string } | undefined {
  const ops = cfg.operations ?? {};
  const keys = [...new Set([key, withoutQuery(key)])];
  for (const k of keys) if (ops[k]) return { o: ops[k]!, captures: [], pattern: k };
  for (const k of keys) {
    for (const pattern of Object.keys(ops).sort()) {
      if (!pattern.includes('*')) continue;
      const m = globToRegex(pattern).exec(k);
      if (m) return { o: ops[pattern]!, captures: m.slice(1), pattern };
    }
  }
  return undefined;
}

/** Resource and method of every operation; `all` gives the full path set (for item-path lookups). */
export function inferNames(cfg: TargetConfig, ops: NamingInput[], allPaths: string[], report: Reporter): Naming[] {
  // Lookups ignore case and param names: `/Things` is a collection when `/things/{id}` exists.
  const shapeOf = (path: string) => path.toLowerCase().replace(/\{[^}]*\}/g, '{}');
  const rewritten = new Set(allPaths.map((p) => shapeOf(rewritePath(cfg, splitPathQuery(p).path))));
  // Paths other paths lie beneath: collections, whatever their words.
  const parents = new Set([...rewritten].flatMap((p) => p.split('/').slice(1, -1).map((_, j, segs) => '/' + segs.slice(0, j + 1).join('/'))));
  const verbs = new Set([...ACTION_VERBS, ...(cfg.actionVerbs ?? [])]);
  const leafVerbs = new Set([...verbs, ...METHOD_VERBS]);
  const getInfo = new Map<string, NamingInput>();
  for (const op of ops) if (op.httpMethod === 'get' && !getInfo.has(shapeOf(rewritePath(cfg, op.path)))) getInfo.set(shapeOf(rewritePath(cfg, op.path)), op);
  // The HTTP methods of each path: PUT beside PATCH, or POST beside either, are two different writes to name apart.
  const methodsAt = new Map<string, Set<string>>();
  for (const op of ops) {
    const at = shapeOf(rewritePath(cfg, op.path));
    (methodsAt.get(at) ?? methodsAt.set(at, new Set()).get(at)!).add(op.httpMethod);
  }
  /**
   * A write to an existing thing: `update`, except a PATCH beside a PUT, which
   * is `edit` (as Stainless's SDKs name them, Cloudflare's for one); both used
   * to be `update` and then fall back to their operationIds.
   */
  const updateOf = (m: string, at: string): [string, MethodKind] => (m === 'patch' && methodsAt.get(at)?.has('put') ? ['edit', 'update'] : ['update', 'update']);
  const root = cfg.root ? [cfg.root] : [];
  // The first segment of every path, as a resource name: what a root phrase's noun may already be called.
  const rootSegments = new Set(
    allPaths.flatMap((p) => {
      const first = rewritePath(cfg, splitPathQuery(p).path).split('/').find(Boolean);
      return first && !isItemSegment(first) && !/[:.]/.test(first) ? [cleanSegment(first)] : [];
    }),
  );

  const rule = ops.map((op): RuleNaming => {
    const { path: bare, query } = splitPathQuery(op.path);
    let path = rewritePath(cfg, bare);
    // A custom method (`/items/{id}:cancel`, `/items:batchGet`, as Google's APIs write them) is an action named by its verb.
    const custom = /^(.*[^/]):([A-Za-z][A-Za-z0-9_]*)$/.exec(path);
    if (custom) path = custom[1]!;
    const segs = path.split('/').filter(Boolean);
    const statics = segs.filter((s) => !isItemSegment(s)).map(cleanSegment);
    const last = segs[segs.length - 1];
    const m = op.httpMethod;
    // A fixed query string and the configured root lead every resource path.
    const namespace = queryNamespace(query);
    if (namespace.length) {
      report.info('path-query-namespace', `Path key has the fixed query \`${op.path.slice(bare.length)}\`: named under \`${namespace.join('.')}\`, and the query is sent as written.`, op.pointer);
    }
    const under = (resource: string[]) => [...namespace, ...root, ...(resource.length ? resource : ['root'])];
    if (custom) return { resource: under(statics), method: snakeCase(custom[2]!), kind: m === 'get' ? 'retrieve' : 'action' };
    // An RPC method path (`/chat.postMessage`, `/admin.apps.approve`, as Slack's Web API writes them): the dotted
    // words are resources and the last one the method, so it reads `chat.post_message`, not `chat_post_message.create`.
    const dotted = last !== undefined && DOTTED_METHOD.test(last) ? last.split('.') : undefined;
    if (dotted) {
      const kind: MethodKind = m === 'get' ? (op.paginated || op.listLike ? 'list' : 'retrieve') : 'action';
      const resource = under([...statics.slice(0, -1), ...dotted.slice(0, -1).map(cleanSegment)]);
      return { resource, method: snakeCase(dotted[dotted.length - 1]!), kind, asResource: { resource: under(statics), ...resourceMethod(op, path) } };
    }
    if (last !== undefined && isItemSegment(last)) {
      let [method, kind]: [string, MethodKind] = m === 'get' ? ['retrieve', 'retrieve'] : m === 'delete' ? ['delete', 'delete'] : m === 'post' || m === 'put' || m === 'patch' ? updateOf(m, shapeOf(path)) : [m, 'action'];
      const idVerb = m === 'post' ? actionVerbOfId(op.operationId, verbs) : undefined;
      // `POST /invite/verify/{token}` (`verifyInvite`): the verb is the last resource word too, and names the
      // parent's method once (`invite.verify`), not `invite.verify.verify`.
      if (idVerb && statics.length > 1 && statics[statics.length - 1] === idVerb) {
        return { resource: under(statics.slice(0, -1)), method: idVerb, kind: 'action', asResource: { resource: under(statics), method: idVerb, kind: 'action' } };
      }
      if (idVerb) [method, kind] = [idVerb, 'action'];
      return { resource: under(statics), method, kind };
    }
    const asResource = { resource: under(statics), ...resourceMethod(op, path) };
    // A root segment that is a verb phrase (`POST /createAccountHolder`, `/get_me`, as RPC-style APIs put every
    // call at the root) names its verb a method of its noun (`accountHolder.create`, `me.get`): it used to be a
    // resource named for the whole phrase (`createAccountHolder.create()`). Not when paths lie beneath it (then it
    // is a collection).
    const phrase = segs.length === 1 ? rootPhrase(segs[0]!, leafVerbs) : undefined;
    if (phrase && !parents.has(shapeOf(path)) && (m !== 'get' || READ_VERBS.has(phrase.verb))) {
      const kind: MethodKind = m === 'get' ? (op.paginated || op.listLike ? 'list' : 'retrieve') : 'action';
      return { resource: under([nounResource(phrase.noun, rootSegments)]), method: phrase.verb, kind, asResource, rootPhrase: true };
    }
    // A leaf that is a verb (`/runs/{id}/cancel`, `/settings/delete`, `GET /users/search`) names an action of its
    // parent, when it is the path's only operation (several, or a GET beside a POST, make it a resource).
    const leaf = statics[statics.length - 1];
    if (leaf && statics.length > 1 && isActionLeaf(leaf, leafVerbs) && methodsAt.get(shapeOf(path))?.size === 1) {
      const kind: MethodKind = m === 'get' ? (op.paginated || op.listLike ? 'list' : 'retrieve') : 'action';
      return { resource: under(statics.slice(0, -1)), method: leaf, kind, asResource };
    }
    return asResource;
  });

  /** A path that ends at a static segment: a collection's or a singleton's method. */
  function resourceMethod(op: NamingInput, path: string): { method: string; kind: MethodKind } {
    const m = op.httpMethod;
    const at = shapeOf(path);
    const hasItem = rewritten.has(at + '/{}');
    const get = getInfo.get(at);
    const singleton = !hasItem && get !== undefined && !get.paginated && !get.listLike;
    const writes = methodsAt.get(at);
    let named: [string, MethodKind];
    if (singleton) {
      // A POST beside a PUT or PATCH makes something new; the PUT or PATCH updates (GitLab's labels).
      const postCreates = m === 'post' && (writes?.has('put') || writes?.has('patch'));
      named = m === 'get' ? ['retrieve', 'retrieve'] : m === 'delete' ? ['delete', 'delete'] : postCreates ? ['create', 'create'] : m === 'post' || m === 'put' || m === 'patch' ? updateOf(m, at) : [m, 'action'];
    } else {
      named = m === 'get' ? ['list', 'list'] : m === 'post' ? ['create', 'create'] : m === 'delete' ? ['delete', 'delete'] : m === 'put' || m === 'patch' ? updateOf(m, at) : [m, 'action'];
    }
    return { method: named[0], kind: named[1] };
  }

  const named = ops.map((op, i): Naming & { overridden: boolean } => {
    const key = `${op.httpMethod.toUpperCase()} ${op.path}`;
    let { resource, method, kind } = rule[i]!;
    const found = findOverride(cfg, key);
    let hints: Naming['hints'];
    let overridden = false;
    if (found) {
      const { o, captures } = found;
      const sub = (t: string) => t.replace(/\$(\d)/g, (_, i) => captures[Number(i) - 1] ?? '');
      if (o.resource) resource = sub(o.resource).split('.').map(snakeCase);
      if (o.method) method = snakeCase(sub(o.method));
      // A renamed method keeps the kind its verb implies (usage.costs is still a list) unless config says otherwise.
      if (o.kind) kind = o.kind;
      // A hints-only entry renames nothing, so it is not a name override.
      overridden = Boolean(o.resource || o.method);
      if (o.resource || o.method || o.kind) report.info('name-override', `Config names it \`${resource.join('.')}.${method}\`.`, op.pointer);
      if (o.hints && Object.keys(o.hints).length) hints = { override: o.hints, key: found.pattern };
    }
    return { resource, method, kind, overridden, ...(hints ? { hints } : {}) };
  });

  // A root phrase's name that another operation has, or that clashes with another's resource path, is not
  // made: the phrase names a resource as it did before (`POST /listAccounts` beside `GET /accounts`, both
  // `accounts.list`, stays `listAccounts.create`).
  const nameKey = (n: { resource: string[]; method: string }) => foldKey([...n.resource, n.method].join('.'));
  const resourcePaths = (resource: string[]) => resource.map((_, j) => foldKey(resource.slice(0, j + 1).join('.')));
  const nameCount = new Map<string, number>();
  for (const n of named) nameCount.set(nameKey(n), (nameCount.get(nameKey(n)) ?? 0) + 1);
  const namedResources = new Set(named.flatMap((n) => resourcePaths(n.resource)));
  const phraseClashes = (n: Naming) =>
    (nameCount.get(nameKey(n)) ?? 0) > 1 || namedResources.has(nameKey(n)) || resourcePaths(n.resource).some((k) => nameCount.has(k));
  named.forEach((n, i) => {
    const r = rule[i]!;
    if (r.rootPhrase && !n.overridden && phraseClashes(n)) {
      report.info('root-phrase-kept', `\`${r.resource.join('.')}.${r.method}\` is taken; named \`${[...r.asResource!.resource, r.asResource!.method].join('.')}\`, as a resource.`, ops[i]!.pointer);
      named[i] = { ...n, ...r.asResource!, ...(n.kind !== r.kind ? { kind: n.kind } : {}) };
    }
  });
  // A verb leaf's action that is also a resource (`POST /orders/cancel` beside `/orders/cancel/{id}`) stays a
  // sub-resource, as it was named before verb leaves. One that another operation's name takes (`POST /things/delete`
  // beside `DELETE /things/{id}`) is left to collisions.ts, which gives the name to the more specific route.
  const resourceKeys = new Set(named.flatMap((n) => n.resource.map((_, j) => foldKey(n.resource.slice(0, j + 1).join('.')))));
  return named.map(({ overridden, ...n }, i) => {
    const asResource = rule[i]!.asResource;
    if (!asResource || overridden || !resourceKeys.has(foldKey([...n.resource, n.method].join('.')))) return n;
    return { ...n, ...asResource, ...(n.kind !== rule[i]!.kind ? { kind: n.kind } : {}) };
  });
}

/** An operationId with no separators whose words are not real words (e.g. `Getorganizationspendlimit`). */
export function isUglyOperationId(id: string): boolean {
  if (/[-_\s.]/.test(id)) return false;
  return words(id).some((w) => w.length > 15);
}

/** The MCP tool-name prefix of a path: the first `mcpPrefixes` glob it matches, else `packages.toolPrefix`. */
export function toolPrefixFor(cfg: TargetConfig, path: string): string {
  const bare = splitPathQuery(path).path;
  for (const [glob, prefix] of Object.entries(cfg.mcpPrefixes ?? {})) {
    if (globToRegex(glob).test(bare) || (glob.endsWith('/**') && bare === glob.slice(0, -3))) return prefix;
  }
  return cfg.packages.toolPrefix;
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

/**
 * `base` is what the name is made of when it is not the operationId (see
 * toolWords). `dropRepeats: false` when the name that step gives is another
 * tool's too (index.ts tries each name first): it is cut with a hash instead.
 */
export function mcpToolName(cfg: TargetConfig, operationId: string, path: string, pointer: string, report: Reporter, base: string = operationId, dropRepeats = true): string {
  const prefix = toolPrefixFor(cfg, path);
  const override = cfg.mcpNames?.[operationId];
  if (override) {
    report.info('mcp-name-override', `Config names the MCP tool \`${prefix}${override}\` for operationId \`${operationId}\`.`, pointer);
    return prefix + snakeCase(override);
  }
  if (isUglyOperationId(operationId)) {
    if (base === operationId) {
      report.warn('ugly-operation-id', `operationId \`${operationId}\` has no word separators; the MCP tool name derived from it is unreadable. Add an \`mcpNames\` entry to the config.`, pointer);
    } else {
      report.info('ugly-operation-id', `operationId \`${operationId}\` has no word separators: the MCP tool is named by its method and resource (\`${prefix}${withoutPrefixWords(snakeCase(base), prefix)}\`); an \`mcpNames\` entry names it otherwise.`, pointer);
    }
  }
  const snake = withoutPrefixWords(snakeCase(base), prefix);
  const name = prefix + snake;
  if (name.length <= MAX_TOOL_NAME) return name;
  // Over the limit clients accept: first without filler words, then with the usual abbreviations, then without repeats.
  let words = snake.split('_');
  for (const shorten of dropRepeats ? [dropFillers, abbreviate, withoutRepeats] : [dropFillers, abbreviate]) {
    words = shorten(words);
    const shorter = prefix + words.join('_');
    if (shorter.length <= MAX_TOOL_NAME) {
      report.info('mcp-name-shortened', `MCP tool name \`${name}\` exceeds ${MAX_TOOL_NAME} characters; shortened to \`${shorter}\`.`, pointer);
      return shorter;
    }
  }
  // Still too long: cut, and add a hash of the full id, so that two long ids sharing a start stay distinct.
  const cut = `${(prefix + words.join('_')).slice(0, MAX_TOOL_NAME - 7).replace(/_+$/, '')}_${shortHash(operationId)}`;
  report.warn('mcp-name-truncated', `MCP tool name \`${name}\` exceeds ${MAX_TOOL_NAME} characters; shortened to \`${cut}\`.`, pointer);
  return cut;
}

/**
 * A name without the leading words that spell the tool prefix again: Google's
 * operationIds begin with the API (`gmail.users.drafts.create`,
 * `area120tables.tables.get`), which would be `gmail_gmail_users_drafts_create`.
 */
function withoutPrefixWords(snake: string, prefix: string): string {
  const folded = prefix.replace(/_/g, '');
  const words = snake.split('_');
  for (let n = 1, joined = words[0] ?? ''; n < words.length && joined.length <= folded.length; joined += words[n++]) {
    if (joined === folded) return words.slice(n).join('_');
  }
  return snake;
}

/** The longest tool name MCP clients and model providers accept. */
const MAX_TOOL_NAME = 64;

/** Words a long tool name loses first (never its first word, the verb). */
const FILLER_WORDS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with']);
function dropFillers(words: string[]): string[] {
  return words.filter((w, i) => i === 0 || !FILLER_WORDS.has(w));
}

/** Abbreviations developers read without a second look, used only to fit a tool name. */
const ABBREVIATIONS: Record<string, string> = {
  administrator: 'admin', administrators: 'admins', application: 'app', applications: 'apps', attribute: 'attr', attributes: 'attrs',
  authentication: 'auth', certificate: 'cert', certificates: 'certs', configuration: 'config', configurations: 'configs',
  definition: 'def', definitions: 'defs', description: 'desc', directory: 'dir', directories: 'dirs', environment: 'env',
  environments: 'envs', identifier: 'id', identifiers: 'ids', information: 'info', maximum: 'max', minimum: 'min',
  organization: 'org', organizations: 'orgs', parameter: 'param', parameters: 'params', repository: 'repo', repositories: 'repos',
  specification: 'spec', specifications: 'specs', statistics: 'stats', temporary: 'temp',
};
function abbreviate(words: string[]): string[] {
  return words.map((w) => ABBREVIATIONS[w] ?? w);
}

/**
 * The last way to fit a tool name before cutting it: a word said again and a
 * bare `id` go (GitLab's `get_v3_projects_id_issues_issue_id_notes_note_id_award_emoji_award_id`
 * → `get_v3_projects_issues_issue_notes_note_award_emoji`); never the first word, the verb.
 */
function withoutRepeats(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w, i) => {
    if (i > 0 && (w === 'id' || w === 'ids' || seen.has(w))) return false;
    seen.add(w);
    return true;
  });
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

/**
 * How many leading resource segments type names leave out: a number for every
 * operation, or a list of dotted resource prefixes (`admin.organization`, `beta`),
 * the longest matching one of which is left out.
 */
export function typePrefixSkipOf(cfg: TargetConfig, resource: string[]): number {
  const skip = cfg.typePrefixSkip ?? 0;
  const n = typeof skip === 'number' ? skip : Math.max(0, ...skip.map((p) => p.split('.').map(snakeCase)).filter((p) => p.every((seg, i) => resource[i] === seg)).map((p) => p.length));
  return Math.min(n, resource.length - 1);
}

export function stableNames(cfg: TargetConfig, n: Naming, mcpTool: string, report?: { reporter: Reporter; pointer: string }): StableNames {
  const skip = typePrefixSkipOf(cfg, n.resource);
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
  const prefix = resource.map((r) => pascalCase(singularName(r))).join('') + pascalCase(method);
  // No type name starts with a digit: `/2fa/codes` gives `T2faCodeRetrieveParams`, as a schema `2FA` is `T2Fa`.
  return /^[0-9]/.test(prefix) ? `T${prefix}` : prefix;
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

/** Client member names of each resource (by key): its methods, their aliases, its sub-resources. */
export function clientMemberNames(operations: Operation[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (key: string, name: string) => (out.get(key) ?? out.set(key, new Set()).get(key)!).add(name);
  for (const op of operations) {
    const path = op.names.clientPath;
    add(op.resource.join('.'), path[path.length - 1]!);
    for (const alias of op.clientAliases ?? []) add(op.resource.join('.'), alias);
    for (let d = 1; d < op.resource.length; d++) add(op.resource.slice(0, d).join('.'), path[d]!);
  }
  return out;
}
