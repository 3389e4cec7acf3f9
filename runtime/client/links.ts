/**
 * Next links (Azure's `nextLink`, OData's `@odata.nextLink`, Django REST
 * Framework's `next`, HAL's `_links.next.href`): a later page requests the URL
 * the server gave, as it is, with GET. Its query already says what to list, so the
 * operation's query params are not added again; the headers and auth are the
 * first page's. A list read by POST (Azure's `x-ms-pageable` may name one)
 * sends no body to its link: Azure's next-link verb is GET unless its
 * generators are told otherwise, and a link names its page on its own.
 *
 * Only a link on the base URL's origin is followed. The request carries the
 * API key (a header, the query or a cookie): a link to another host, written
 * by a compromised or misconfigured server, or injected into a page body,
 * would hand that key to whoever runs the other host. Following it would
 * also be a silent downgrade when the scheme differs (`http:` for `https:`).
 */
import { ClientError } from './errors.js';
import type { OperationSpec } from './operation.js';
import type { RequestOptions } from './request.js';

/** A link resolved against the URL it came from (a relative link is relative to that request). */
export function resolveLink(link: string, requestURL: string): string | null {
  try {
    return new URL(link, requestURL || undefined).href;
  } catch {
    return null;
  }
}

function originOf(url: string): string | undefined {
  try {
    const base = (globalThis as { location?: { href?: string } }).location?.href;
    return new URL(url, base).origin;
  } catch {
    return undefined;
  }
}

/** Throws unless `link` is on the origin of `baseURL` (see above for why). */
export function checkLinkOrigin(op: OperationSpec, link: string, baseURL: string): void {
  const target = originOf(link);
  const own = originOf(baseURL);
  if (target !== undefined && target !== 'null' && target === own) return;
  throw new ClientError(
    `${op.key}: refusing to follow the next page link to ${target && target !== 'null' ? target : 'an unparsable URL'}: ` +
      `it is not on the base URL's origin (${own ?? baseURL}), and the request would carry the API key there.`,
  );
}

/** The operation as a link request sends it: GET, without a body (see above). */
export function linkRequestOp(op: OperationSpec): OperationSpec {
  if (op.method === 'get') return op;
  const { body: _body, ...rest } = op;
  return { ...rest, method: 'get' };
}

/** The request options of a link request: without a `body` option (see above). */
export function linkRequestOptions(options: RequestOptions | undefined): RequestOptions {
  if (!options || options.body === undefined) return options ?? {};
  const { body: _body, ...rest } = options;
  return rest;
}

/** Query-borne auth the link does not carry already (a server rarely echoes the key into its links). */
export function authQueryForLink(
  link: string,
  authQuery: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!authQuery) return undefined;
  let present: URLSearchParams;
  try {
    present = new URL(link).searchParams;
  } catch {
    return authQuery;
  }
  const missing = Object.entries(authQuery).filter(([name]) => !present.has(name));
  return missing.length ? Object.fromEntries(missing) : undefined;
}
