/**
 * The leading path segments every operation shares that say where the API
 * lives rather than what a resource is (`/api/v2/users`, `/2010-04-01/Accounts`):
 * a new target's config rewrites them away for naming, so the client reads
 * `client.users.list()`, not `client.api.v2.users.list()`. Requests keep the
 * path as the document writes it; the rewrite is written into config.yaml,
 * where a maintainer sees it and may drop it.
 */
import { splitPathQuery } from './path-query.js';

/** A version segment: `v1`, `v2.1`, `v1beta2`. */
const VERSION_SEGMENT = /^v\d+(?:[._]\d+)*(?:(?:alpha|beta|preview)\d*)?$/i;

/** `api`, `rest`, `public`, a version (`v1`, `v2.1`, `v1beta2`) or an API date (`2010-04-01`). */
const STRUCTURAL_SEGMENT = /^(?:api|apis|rest|public|v\d+(?:[._]\d+)*(?:(?:alpha|beta|preview)\d*)?|\d{4}-\d{2}-\d{2})$/i;

function isParamSegment(segment: string): boolean {
  return segment.includes('{') || segment.startsWith(':');
}

/**
 * The shared structural prefix of `paths` (`/api/v2/`, `/gmail/v1/`), or
 * undefined. Only whole segments every path begins with, each followed in
 * every path by a static segment, so no operation is left without a resource
 * (`/v1/{id}` and a lone `/v1` keep theirs).
 */
export function structuralPrefix(paths: string[]): string | undefined {
  const split = paths.map((p) => splitPathQuery(p).path.split('/').filter(Boolean));
  if (split.length === 0) return undefined;
  const shared = (depth: number) => split.every((s) => s[depth] === split[0]![depth] && s[depth + 1] !== undefined && !isParamSegment(s[depth + 1]!));
  // The API's own name before its version (`/gmail/v1/`, `/youtube/v3/`, as Google's documents write them).
  let depth = !STRUCTURAL_SEGMENT.test(split[0]![0] ?? '') && VERSION_SEGMENT.test(split[0]![1] ?? '') && shared(0) && shared(1) ? 2 : 0;
  for (;;) {
    const segment = split[0]![depth];
    if (segment === undefined || !STRUCTURAL_SEGMENT.test(segment) || !shared(depth)) break;
    depth++;
  }
  return depth === 0 ? undefined : `/${split[0]!.slice(0, depth).join('/')}/`;
}
