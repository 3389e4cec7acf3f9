/**
 * Path keys that carry a fixed query string (`/responses?beta=true`): OpenAPI
 * allows no two path items for one path, so documents publish a variant of an
 * endpoint this way. For naming, the path is the part before `?`, and the
 * variant's resources go under a namespace named after its query, as SDKs name
 * such variants (`?beta=true` → `beta.responses.create`). On the wire the query
 * is sent as written (runtime/client/request.ts joins it with the params' query).
 */
import { snakeCase } from '../names.js';

export interface PathWithQuery {
  /** The path without its query, e.g. `/responses/{response_id}`. */
  path: string;
  /** Fixed query pairs in document order, e.g. `[['beta', 'true']]`. */
  query: Array<[string, string]>;
}

export function splitPathQuery(pathKey: string): PathWithQuery {
  const at = pathKey.indexOf('?');
  if (at < 0) return { path: pathKey, query: [] };
  const query = [...new URLSearchParams(pathKey.slice(at + 1))];
  return { path: pathKey.slice(0, at), query };
}

/**
 * Resource namespace of a fixed query: `beta=true` → `['beta']` (a flag names
 * itself), `version=2` → `['version_2']`; several pairs give one segment each.
 */
export function queryNamespace(query: Array<[string, string]>): string[] {
  return query.map(([k, v]) => snakeCase(v === 'true' || v === '' ? k : `${k}_${v}`)).filter(Boolean);
}

/** `METHOD /path?query` → `METHOD /path`, for config keys written without the query. */
export function withoutQuery(key: string): string {
  const at = key.indexOf('?');
  return at < 0 ? key : key.slice(0, at);
}
