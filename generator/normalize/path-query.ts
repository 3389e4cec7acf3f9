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
  const key = withoutFragment(pathKey);
  const at = key.indexOf('?');
  if (at < 0) return { path: key, query: [] };
  const query = [...new URLSearchParams(key.slice(at + 1))];
  return { path: key.slice(0, at), query };
}

/**
 * A path key without its fragment: documents converted from AWS's models tell
 * operations on one URL apart by one (`/tags/{resourceArn}#tagKeys`,
 * `/#X-Amz-Target=DataSync.ListTasks`). A fragment is never sent, so the
 * operation's path, and the path it is named by, stop before it.
 */
export function withoutFragment(pathKey: string): string {
  const at = pathKey.indexOf('#');
  return at < 0 ? pathKey : pathKey.slice(0, at);
}

/**
 * Resource namespace of a fixed query: `beta=true` → `['beta']` (a flag names
 * itself), `version=2` → `['version_2']`; several pairs give one segment each.
 * A pair whose value is a param (`?since={since}`, as icons8 writes its query
 * params into the path key) is no variant: it names nothing (it made the CLI
 * group `since-since:iconsets:v3:total`).
 */
export function queryNamespace(query: Array<[string, string]>): string[] {
  return query
    .filter(([, v]) => !/^\{[^}]*\}$/.test(v))
    .map(([k, v]) => snakeCase(v === 'true' || v === '' ? k : `${k}_${v}`))
    .filter(Boolean);
}

/** `METHOD /path?query` → `METHOD /path`, for config keys written without the query (or a fragment). */
export function withoutQuery(key: string): string {
  const bare = withoutFragment(key);
  const at = bare.indexOf('?');
  return at < 0 ? bare : bare.slice(0, at);
}

/**
 * A format suffix on a path segment (`Addresses.json`, `{Sid}.json`): the format, not a word of the name. File
 * types count too (`/invoices/{id}/preview.jpg`, `/favicon.ico`, `/videos/{id}/main.m3u8`): without them the dotted
 * segment read as an RPC method (`invoices.preview.jpg()`).
 */
export const FORMAT_SUFFIX =
  /\.(json|xml|csv|tsv|ya?ml|txt|html?|atom|rss|ndjson|jsonl|geojson|kml|gpx|ics|vcf|pbf|mvt|pdf|docx?|xlsx?|pptx?|odt|rtf|md|zip|t?gz|tar|png|jpe?g|gif|svg|webp|ico|bmp|tiff?|css|js|mp3|mp4|m4a|aac|wav|ogg|flac|webm|mkv|m3u8|vtt|srt)$/i;

/**
 * The path that names derive from: no query string (`/responses?beta=true`),
 * no trailing slash, no format suffix (`/Addresses/{Sid}.json` → `/Addresses/{Sid}`).
 * Case is left to the word splitting; collisions.ts ranks what still clashes.
 */
export function namingPath(path: string): string {
  const bare = splitPathQuery(path).path.replace(/(.)\/+$/, '$1');
  return bare.split('/').map((s) => s.replace(FORMAT_SUFFIX, '')).join('/');
}
