/**
 * Operations whose derived names collide. Paths that differ only by a format
 * suffix (`/things.json`), a trailing slash, a fixed query string
 * (`/responses?beta=true`), letter case (`/Users` vs `/users`) or by where the
 * words stand (`addresses_json.list` vs `addresses.json.list`, one identifier
 * once camel-cased) would otherwise give two methods, constants or types one
 * name. Every clash with a most specific route is resolved here,
 * deterministically, and the report says who got what; a tie (PUT and PATCH
 * on one path) is resolved by operationIds in an inferred target, and fails
 * with a hint in a configured one, whose author names them.
 */
import { GeneratorError } from '../errors.js';
import { snakeCase } from '../names.js';
import type { TargetConfig } from './config.js';
import type { Naming } from './naming.js';
import { foldKey } from './naming.js';
import { FORMAT_SUFFIX, withoutFragment } from './path-query.js';
import type { RawOperation } from './operations.js';
import type { Reporter } from './report.js';


/** What a path key carries beyond its words: a fragment, a query string, a trailing slash, a format suffix, capitals. */
function decorations(pathKey: string): number {
  const path = withoutFragment(pathKey);
  const [bare = ''] = path.split('?');
  const statics = bare.split('/').filter((s) => s && !s.startsWith('{'));
  return (
    Number(path !== pathKey) +
    Number(path.includes('?')) +
    Number(bare.length > 1 && bare.endsWith('/')) +
    Number(bare.split('/').some((s) => FORMAT_SUFFIX.test(s))) +
    Number(statics.some((s) => s !== s.toLowerCase()))
  );
}

/** The method names that act on one item: their owner is a route that ends at the item's id. */
const ITEM_METHODS = new Set(['retrieve', 'update', 'delete']);

/**
 * Specificity, best first: fewer decorations; for an item's method
 * (`delete`, `update`, `retrieve`) a route ending at a path param (`DELETE
 * /comments/{id}` keeps `comments.delete`, the bulk `DELETE /comments` is
 * named by its operationId); more literal segments, fewer path params. Two
 * routes that tie (PUT and PATCH on one path) have no natural owner, so both
 * are renamed.
 */
function specificity(r: RawOperation, itemMethod: boolean): number[] {
  const segs = withoutFragment(r.path).split('?')[0]!.split('/').filter(Boolean);
  const params = segs.filter((s) => s.includes('{')).length;
  const atItem = itemMethod && segs.length > 0 && segs[segs.length - 1]!.includes('{');
  return [decorations(r.path), atItem ? 0 : 1, -(segs.length - params), params];
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const route = (r: RawOperation) => `\`${r.httpMethod.toUpperCase()} ${r.path}\``;

export function resolveKeyCollisions(config: TargetConfig, scoped: RawOperation[], naming: Naming[], report: Reporter): void {
  const keyOf = (n: Naming) => `${n.resource.join('.')}.${n.method}`;
  const byKey = new Map<string, number[]>();
  naming.forEach((n, i) => byKey.set(foldKey(keyOf(n)), [...(byKey.get(foldKey(keyOf(n))) ?? []), i]));
  // A method may not share its name with a child resource of the same resource.
  const resourceKeys = new Set(naming.flatMap((n) => n.resource.map((_, j) => foldKey(n.resource.slice(0, j + 1).join('.')))));
  const sharesResource = new Set([...byKey.keys()].filter((k) => resourceKeys.has(k)));
  const taken = new Set(naming.map((n) => foldKey(keyOf(n))));
  for (const [fold, list] of [...byKey].sort((a, b) => cmp(a[0], b[0]))) {
    const withResource = sharesResource.has(fold);
    if (list.length < 2 && !withResource) continue;
    const routes = list.map((i) => route(scoped[i]!)).join(' and ');
    const become = list.length === 2 ? 'both become' : 'all become';
    const key = keyOf(naming[list[0]!]!);
    const itemMethod = ITEM_METHODS.has(naming[list[0]!]!.method);
    const ranked = list.map((i) => ({ i, rank: specificity(scoped[i]!, itemMethod) })).sort((a, b) => compareRank(a.rank, b.rank) || cmp(scoped[a.i]!.path, scoped[b.i]!.path) || cmp(scoped[a.i]!.httpMethod, scoped[b.i]!.httpMethod));
    const keeper = !withResource && ranked.length > 1 && compareRank(ranked[0]!.rank, ranked[1]!.rank) < 0 ? ranked[0]!.i : undefined;
    // A configured target names what has no natural owner (PUT and PATCH on one path) itself.
    if (!config.inferred && keeper === undefined) {
      throw new GeneratorError(
        `Name collision: ${routes} ${list.length > 1 ? 'both become' : 'becomes'} \`${key}\`${withResource ? ' (also a resource name)' : ''}.`,
        { pointer: scoped[list[list.length - 1]!]!.pointer },
        'Add an `operations` entry (`METHOD /path`: { method: ... }) to the target config to name one of them.',
      );
    }
    if (keeper !== undefined) {
      report.info('name-collision-resolved', `${routes} ${become} \`${key}\`; this one keeps it (the most specific route: fewest suffixes, slashes, query strings and capitals, ending at an item for an item's method, most literal segments).`, scoped[keeper]!.pointer);
    }
    for (const { i } of ranked) {
      if (i === keeper) continue;
      const n = naming[i]!;
      const free = (method: string) => !taken.has(foldKey(`${n.resource.join('.')}.${method}`)) && !resourceKeys.has(foldKey(`${n.resource.join('.')}.${method}`));
      const fromFragment = fragmentMethodName(scoped[i]!.path);
      const candidates = [...fromFragment, ...idMethodNames(scoped[i]!)];
      const base = candidates.find(free) ?? candidates[candidates.length - 1] ?? n.method;
      const source = fromFragment.includes(base) ? "its path key's fragment" : 'its operationId';
      let method = base;
      for (let k = 2; !free(method); k++) method = `${base}_${k}`;
      taken.add(foldKey(`${n.resource.join('.')}.${method}`));
      const why = withResource && list.length === 1 ? `${routes} becomes \`${key}\`, which is also a resource` : `${routes} ${become} \`${key}\``;
      report.warn('name-collision-resolved', `${why}; this one is named \`${n.resource.join('.')}.${method}\` after ${source}.`, scoped[i]!.pointer);
      naming[i] = { ...n, method, kind: n.kind === 'list' || n.kind === 'retrieve' ? n.kind : 'action' };
    }
  }
}

/**
 * The method a path key's fragment names, when it is a word (Box's `PUT
 * /files/{file_id}#add_shared_link` is `files.add_shared_link`); a fragment
 * that is not one (`#X-Amz-Target=Svc.ListTasks`) names nothing.
 */
function fragmentMethodName(pathKey: string): string[] {
  const fragment = pathKey.slice(withoutFragment(pathKey).length + 1);
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(fragment) ? [snakeCase(fragment)] : [];
}

/**
 * Method names an operationId gives, best first: without the words that
 * restate the route (`get_files_id_get_shared_link` on `GET /files/{file_id}`
 * → `get_shared_link`), without its namespace, which the resource path
 * already says (GitHub's `issues/list-comments` → `list_comments`), then whole
 * (`issues_list_comments`).
 */
function idMethodNames(r: RawOperation): string[] {
  const { operationId } = r;
  const whole = snakeCase(operationId);
  const local = snakeCase(operationId.slice(Math.max(operationId.lastIndexOf('/'), operationId.lastIndexOf('.')) + 1));
  // A remainder without a letter (`GetDescriptionXml_2` on `GET /description.xml` leaves `2`) names nothing.
  return [...new Set([withoutRoute(whole, r), local, whole])].filter((name) => /[a-z]/i.test(name));
}

/** `words` (snake_case) after a leading HTTP method and the path's own words, or '' when they do not restate the route or nothing else is left. */
function withoutRoute(words: string, r: RawOperation): string {
  const path = withoutFragment(r.path).split('?')[0]!;
  // `id` stands for any path param (`get_metadata_taxonomies_id_id`).
  const pathWords = new Set([...snakeCase(path.replace(/[{}]/g, ' ')).split('_'), ...(path.includes('{') ? ['id'] : [])]);
  const list = words.split('_');
  if (list[0] !== r.httpMethod) return '';
  let at = 1;
  while (at < list.length && pathWords.has(list[at]!)) at++;
  // Only an id that restates the path too (`get_thing_version` keeps its verb).
  return at > 1 ? list.slice(at).join('_') : '';
}
