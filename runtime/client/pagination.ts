/**
 * Pages for every pagination style the IR knows. One class serves them all
 * because they differ only in where the next request comes from:
 *   cursor / cursor_before: `after` = body.last_id, else the last item's id;
 *   next_cursor:            `after` = body.next, `cursor` = body.next_cursor, `marker` = body.next_marker;
 *   page_token:             `page`  = body.next_page (usage/costs buckets),
 *                           `pageToken` = body.nextPageToken;
 *   next_link:              the URL in body.nextLink (`@odata.nextLink`, `next`,
 *                           `_links.next.href`…), requested as it is (links.ts);
 *   linkHeader (any style): the `Link` header's `rel="next"` when the response
 *                           has paging links (link-header.ts), else as the style says;
 *   page_number:            `page` = this page's number + 1;
 *   offset:                 `offset` = this page's offset + its items;
 *   single:                 nowhere: one page, iterable (openai-node's `Page`).
 * A bare-array list (`itemsField` empty) has the body as its items; its
 * method returns an ArrayPagePromise, which awaits to that array.
 * A walk stops when has_more is false or there is no cursor (a list without
 * has_more: no token or link), when a counted list reaches its page or item
 * count or returns an empty or short page; it throws when a cursor or link
 * repeats, or a counted page repeats the page before (a server that ignores
 * the page param), so it can neither truncate silently nor loop forever.
 */
import { APIPromise, parseResponseBody } from './api-promise.js';
import { ClientError, PaginationError } from './errors.js';
import { nextFromLinkHeader } from './link-header.js';
import { resolveLink } from './links.js';
import type { Logger } from './log.js';
import type { OperationSpec, PaginationSpec } from './operation.js';
import type { RequestOptions } from './request.js';

/** What a Page needs from the client: a way to fetch the next page, and the logger. */
/**
 * A next link without the query params that carry the client's key (a server
 * that echoes a query-borne key into its links): the URL is handed to callers,
 * the CLI's output and MCP's `next_cursor`, and the request adds the key again.
 */
function withoutCredentials(link: string | null, client: PageClient): string | null {
  if (link === null || client.redact(link) === link) return link;
  const url = new URL(link);
  for (const [name, value] of [...url.searchParams]) if (client.redact(value) !== value) url.searchParams.delete(name);
  return url.toString();
}

export interface PageClient {
  _requestPage<Item>(
    op: OperationSpec,
    params: object | null | undefined,
    options: RequestOptions | undefined,
    seenCursors: ReadonlySet<string>,
    link?: string,
  ): PagePromise<Item>;
  readonly logger: Logger;
  /** Replaces the client's credentials in text. */
  redact(text: string): string;
}

interface PageState {
  client: PageClient;
  op: OperationSpec;
  pagination: PaginationSpec;
  params: Record<string, unknown>;
  options: RequestOptions | undefined;
  response: Response;
  /** The URL this page was requested from (a relative next link resolves against it). */
  url: string;
  seen: ReadonlySet<string>;
}

/** The value at `path` in a parsed body (`['meta', 'next_page_url']`). */
function valueAt(body: unknown, path: readonly string[]): unknown {
  let cur = body;
  for (const key of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A number given as a number or as its text (a CLI flag), else undefined. */
function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Styles whose next request counts (a page number, an offset) rather than follows a cursor. */
const COUNTED = new Set<PaginationSpec['style']>(['page_number', 'offset']);

/** Pages already warned about (has_more without a cursor), so each warns once. */
const warned = new WeakSet<object>();

export class Page<Item> implements AsyncIterable<Item> {
  /** The items of this page (the response's items field, normally `data`). */
  data: Item[];
  declare has_more?: boolean | null;
  declare first_id?: string | null;
  declare last_id?: string | null;
  declare next?: string | null;
  declare next_page?: string | null;
  declare object?: string;
  /** The whole parsed response body. */
  declare readonly body: Record<string, unknown>;
  /** The raw Response of this page (body already read). */
  declare readonly response: Response;
  declare private readonly state: PageState;

  constructor(state: PageState, body: unknown) {
    const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    // Copy body fields so `page.has_more`, `page.last_id` etc. read as in openai-node.
    for (const [k, v] of Object.entries(obj)) {
      if (!(k in Page.prototype) && k !== 'body' && k !== 'response' && k !== 'state')
        (this as Record<string, unknown>)[k] = v;
    }
    // A bare-array list: the body is the items.
    const items = state.pagination.itemsField
      ? valueAt(obj, state.pagination.itemsPath ?? [state.pagination.itemsField])
      : body;
    this.data = Array.isArray(items) ? (items as Item[]) : [];
    // Non-enumerable, so console.log(page) and JSON.stringify(page) show only the body.
    Object.defineProperty(this, 'body', { value: obj, enumerable: false });
    Object.defineProperty(this, 'response', { value: state.response, enumerable: false });
    Object.defineProperty(this, 'state', { value: state, enumerable: false });
  }

  getPaginatedItems(): Item[] {
    return this.data;
  }

  /** The clean name of the backward cursor param when this walk goes backwards (its first request had it). */
  private backwardParam(): string | undefined {
    const { op, pagination, params } = this.state;
    if (!pagination.beforeParam) return undefined;
    const name = paramNameOf(op, pagination.beforeParam);
    return params[name] !== undefined && params[name] !== null ? name : undefined;
  }

  /**
   * What this response's `Link` header says (a list with `linkHeader` only):
   * undefined when it has no paging link, else its `rel="next"` target or null.
   */
  private headerLink(): string | null | undefined {
    const { pagination, response } = this.state;
    return pagination.linkHeader ? nextFromLinkHeader(response.headers.get('link')) : undefined;
  }

  /**
   * The next page's URL, resolved against this page's (a relative link is
   * relative to the request): `next_link`'s, or the `Link` header's
   * `rel="next"` of a list that pages by it; null at the end and when the
   * next page is asked for by params instead.
   */
  nextPageURL(): string | null {
    const { pagination, url, client } = this.state;
    const header = this.headerLink();
    if (header !== undefined) return header === null ? null : withoutCredentials(resolveLink(header, url), client);
    if (pagination.style !== 'next_link' || !pagination.cursorField) return null;
    const link = valueAt(this.body, pagination.cursorPath ?? [pagination.cursorField]);
    return typeof link === 'string' && link !== '' ? withoutCredentials(resolveLink(link, url), client) : null;
  }

  /** Whether the next page is a URL (a next link, or a `Link` header with paging links), not params. */
  private linked(): boolean {
    return this.state.pagination.style === 'next_link' || this.headerLink() !== undefined;
  }

  /** `page_number`: this page's number (the one asked for, else the first); `offset`: its offset (else 0). */
  private position(): number {
    const { op, pagination, params } = this.state;
    const asked = numberOf(params[cursorParamName(op, pagination)]);
    return asked ?? (pagination.style === 'page_number' ? (pagination.firstPage ?? 1) : 0);
  }

  /** `page_number`, `offset`: the next page's number or offset, whether or not there is one. */
  private nextPosition(): number {
    return this.state.pagination.style === 'page_number' ? this.position() + 1 : this.position() + this.data.length;
  }

  /**
   * `page_number`, `offset`: whether the list goes on past this page. A page
   * count ends it at the last page, an item count at the last item; without
   * one, a page shorter than the size asked for is the last. An empty page
   * is the last in any case.
   */
  private countedHasMore(): boolean {
    const { op, pagination, params } = this.state;
    if (this.data.length === 0) return false;
    const total = pagination.totalPath ? numberOf(valueAt(this.body, pagination.totalPath)) : undefined;
    if (total !== undefined) {
      const last = pagination.style === 'page_number' ? (pagination.firstPage ?? 1) + total - 1 : total;
      return pagination.style === 'page_number' ? this.position() < last : this.nextPosition() < last;
    }
    const size = pagination.sizeParam ? numberOf(params[paramNameOf(op, pagination.sizeParam)]) : undefined;
    return size === undefined || this.data.length >= size;
  }

  /** The cursor for the next request, or null when the response gives none (a next link's URL; a count as text). */
  nextCursor(): string | null {
    const { pagination } = this.state;
    if (this.linked()) return this.nextPageURL();
    if (COUNTED.has(pagination.style)) return String(this.nextPosition());
    if (this.backwardParam() !== undefined) {
      // Backwards: the page before this one ends before its first item.
      const first = this.body['first_id'] ?? (this.data[0] as Record<string, unknown> | undefined)?.['id'];
      return typeof first === 'string' && first !== '' ? first : null;
    }
    const v = this.body[pagination.cursorField];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
    if (pagination.style === 'cursor' || pagination.style === 'cursor_before') {
      const last = this.data[this.data.length - 1] as unknown;
      const id = last && typeof last === 'object' ? (last as Record<string, unknown>)['id'] : undefined;
      if (typeof id === 'string' && id !== '') return id;
    }
    return null;
  }

  /**
   * The params for the next page (this page's params plus the cursor), or null
   * at the end. Null too when the next request is a URL (`nextPageURL()`):
   * a next-link list's, or a `Link` header's.
   */
  nextPageRequestParams(): Record<string, unknown> | null {
    if (!this.hasNextPage() || this.linked()) return null;
    if (COUNTED.has(this.state.pagination.style)) {
      return { ...this.state.params, [cursorParamName(this.state.op, this.state.pagination)]: this.nextPosition() };
    }
    const cursor = this.nextCursor();
    if (cursor === null) return null;
    return {
      ...this.state.params,
      [this.backwardParam() ?? cursorParamName(this.state.op, this.state.pagination)]: cursor,
    };
  }

  hasNextPage(): boolean {
    const { pagination, client, op } = this.state;
    if (pagination.style === 'single') return false;
    if (this.linked()) return this.nextPageURL() !== null;
    if (COUNTED.has(pagination.style)) return this.countedHasMore();
    const hasMore = pagination.hasMoreField ? this.body[pagination.hasMoreField] : undefined;
    if (hasMore === false) return false;
    const cursor = this.nextCursor();
    if (cursor === null) {
      // has_more without a cursor would be a silent truncation: say so.
      if (hasMore === true && !warned.has(this)) {
        warned.add(this);
        client.logger.warn(`${op.key}: ${pagination.hasMoreField} is true but the response has no cursor; stopping.`);
      }
      return false;
    }
    // Without a has_more field, an empty page ends a walk whose cursor is an item id. A list that has no such
    // field follows its token even past an empty page (Google's lists may send one); a repeated token stops it.
    if (hasMore === undefined && pagination.hasMoreField && this.data.length === 0) return false;
    return true;
  }

  /**
   * Fetches the next page; rejects with PaginationError when the server
   * repeats a cursor or link, or a counted page repeats this one, and with a
   * ClientError for a next link off the base URL's origin (links.ts).
   */
  async getNextPage(): Promise<Page<Item>> {
    const { client, op, pagination, options, seen } = this.state;
    const link = this.hasNextPage() ? this.nextPageURL() : null;
    const params = link === null ? this.nextPageRequestParams() : this.state.params;
    if (!params) {
      throw new ClientError(`${op.key}: no next page; check hasNextPage() before calling getNextPage().`);
    }
    const backward = this.backwardParam();
    const cursor = link ?? String(params[backward ?? cursorParamName(op, pagination)]);
    if (seen.has(cursor)) {
      throw new PaginationError(
        `${op.key}: the server returned the ${link === null ? 'cursor' : 'next link'} "${cursor}" again after ${seen.size} page(s); stopping instead of looping forever.`,
      );
    }
    const nextSeen = new Set(seen);
    nextSeen.add(cursor);
    if (link !== null) return await client._requestPage<Item>(op, params, options, nextSeen, link);
    const next = await client._requestPage<Item>(
      op,
      params,
      nextPageOptions(options, backward ? pagination.beforeParam! : pagination.requestParam),
      nextSeen,
    );
    // A server that does not read the page param sends the same page forever: stop instead.
    if (COUNTED.has(pagination.style) && next.data.length > 0 && sameItems(next.data, this.data)) {
      throw new PaginationError(
        `${op.key}: ${pagination.requestParam} ${cursor} returned the same items as ${pagination.requestParam} ${this.position()}; the server may not read ${pagination.requestParam}. Stopping instead of looping forever.`,
      );
    }
    return next;
  }

  /** This page, then each following page. */
  async *iterPages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page: Page<Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this and all following pages. */
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.iterPages()) {
      for (const item of page.data) yield item;
    }
  }
}

/**
 * A later page's request options: those of the first page (path, query, headers,
 * timeout… as given), except that the cursor comes from the page, never from `query`.
 */
function nextPageOptions(options: RequestOptions | undefined, cursorWire: string): RequestOptions | undefined {
  if (!options?.query || !Object.prototype.hasOwnProperty.call(options.query, cursorWire)) return options;
  const { [cursorWire]: _cursor, ...query } = options.query;
  return { ...options, query };
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** The clean param name of a query param the IR names by its wire name. */
function paramNameOf(op: OperationSpec, wire: string): string {
  for (const [name, spec] of Object.entries(op.query ?? {})) if (spec.wire === wire) return name;
  return wire;
}

/** The clean param name that carries the cursor (the IR gives its wire name). */
export function cursorParamName(op: OperationSpec, pagination: PaginationSpec): string {
  return paramNameOf(op, pagination.requestParam);
}

/**
 * Awaiting gives the first page; `for await (const item of promise)` walks
 * every item of every page.
 */
export class PagePromise<Item> extends APIPromise<Page<Item>> implements AsyncIterable<Item> {
  constructor(
    client: PageClient,
    responsePromise: Promise<Response>,
    op: OperationSpec,
    params: Record<string, unknown> | undefined,
    options: RequestOptions | undefined,
    seen: ReadonlySet<string>,
    /** The URL the request went to, known once it is sent. */
    requestURL: () => string = () => '',
  ) {
    const pagination = op.pagination;
    if (!pagination) throw new ClientError(`${op.key} is not paginated; use request() instead of requestPage().`);
    super(responsePromise, async (response) => {
      const body = await parseResponseBody(response);
      const url = requestURL() || response.url;
      return new Page<Item>({ client, op, pagination, params: params ?? {}, options, response, url, seen }, body);
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    const page = await this;
    for await (const item of page) yield item;
  }
}

/**
 * What a bare-array list method returns (GitHub's `issues.list`). Awaiting
 * gives the first page's array, as a plain call would, so it stays an
 * `APIPromise<Items>`; `for await (const item of promise)` walks every item
 * of every page; `pages()` walks the pages, each a Page (its `data`, its
 * `response`, `nextPageURL()`…), as Octokit's `paginate.iterator` does.
 */
export class ArrayPagePromise<Items extends unknown[]>
  extends APIPromise<Items>
  implements AsyncIterable<Items[number]>
{
  readonly #first: PagePromise<Items[number]>;

  constructor(first: PagePromise<Items[number]>) {
    // The first page's body is read once, by `first`: awaiting either gives the same parse.
    super(first.asResponse(), async () => (await first).data as Items);
    this.#first = first;
  }

  /** The first page as a Page object (`hasNextPage()`, `getNextPage()`, `nextPageURL()`, `response`). */
  firstPage(): PagePromise<Items[number]> {
    return this.#first;
  }

  /** Every page in turn, this one first. */
  async *pages(): AsyncGenerator<Page<Items[number]>, void, undefined> {
    yield* (await this.#first).iterPages();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Items[number]> {
    for await (const item of this.#first) yield item;
  }
}
