/**
 * The CLI's list walk: pages through the client's page object
 * (`hasNextPage`/`getNextPage`), or, when the client hands back a plain body,
 * follows the cursor by calling the method again. It stops at `max` items
 * (-1: no cap).
 *
 * A server that sends a cursor or next link it already sent (a mock, a faulty
 * proxy) ends the walk instead of failing it: every item received so far is
 * kept, items that a later page repeats are dropped, and `repeatedCursor`
 * names the cursor so the caller can warn. So does a page-number list whose
 * server sends the same page again (`stopped` says why). (The client's own
 * iterator throws a PaginationError there instead: a program should not take
 * a short list for a whole one.) A next link off the base URL's origin fails
 * the walk, as in the client.
 *
 * A bare-array list (`itemsField` empty) prints the items as the array the
 * API returns; its client method awaits to that array, so the walk starts
 * from the promise's `firstPage()`.
 */
import type { CommandSpec } from './table.js';
import type { PageProgress } from './progress.js';

type Obj = Record<string, unknown>;

interface PageLike extends Obj {
  hasNextPage?: () => boolean;
  getNextPage?: () => Promise<unknown>;
  getPaginatedItems?: () => unknown[];
  nextPageRequestParams?: () => Obj | null;
  nextPageURL?: () => string | null;
}

export interface WalkResult {
  /**
   * The list envelope printed: `{object, <items>, <has_more>}` (`has_more` for a list without such a field);
   * a bare-array list's items as an array.
   */
  result: Obj | unknown[];
  /** More items were available than `max`. */
  truncated: boolean;
  pages: number;
  /** Set when the server sent this cursor a second time. */
  repeatedCursor?: string;
  /** Set when the client's page refused to go on (a PaginationError): its message. */
  stopped?: string;
  /**
   * Where a truncated walk can go on without skipping or repeating an item:
   * a next page's URL (`--page-url`), or a value for the param `param` (the
   * last printed item's id for an id cursor; else the next page's cursor,
   * token or number, when the walk stopped at the end of a page).
   */
  resume?: { url: string } | { param: string; value: string | number };
}

/** Cursor styles whose cursor is an item's id (`after` = the last id), so a walk can go on after any item. */
const ID_CURSORS = new Set(['cursor', 'cursor_before']);

/** An id cursor: its response field, when there is one, names an id (`last_id`, `first_id`, `*_id`). */
function cursorIsId(p: NonNullable<CommandSpec['pagination']>): boolean {
  return ID_CURSORS.has(p.style) && (!p.cursorField || /(^|_)id$/i.test(p.cursorField));
}

/** Styles only the client's page object can walk: a plain body has no next request of its own. */
const COUNTED_OR_LINKED = new Set(['next_link', 'page_number', 'offset']);

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first page of a call: a bare-array list's promise awaits to its array, so its Page comes from `firstPage()`. */
async function firstPageOf(call: unknown): Promise<PageLike> {
  const first = (call as { firstPage?: () => unknown } | null)?.firstPage;
  return (await (typeof first === 'function' ? first.call(call) : call)) as PageLike;
}

function lastId(list: unknown[]): unknown {
  const last = list[list.length - 1];
  return isObj(last) ? last['id'] : undefined;
}

/** What makes two items the same: their `id` when they have one, else their JSON. */
function identity(item: unknown): string {
  const id = isObj(item) ? item['id'] : undefined;
  if (typeof id === 'string' || typeof id === 'number') return `id:${id}`;
  return `json:${JSON.stringify(item)}`;
}

export async function walkPages(
  invoke: (extra?: Obj) => unknown,
  cmd: CommandSpec,
  max: number,
  /** `cursorParam`: the param the walk's cursor goes in (default the forward one; `before` for a backward walk). */
  options: { firstCursor?: unknown; cursorParam?: string; progress?: PageProgress } = {},
): Promise<WalkResult> {
  const p = cmd.pagination!;
  const items: unknown[] = [];
  const earlier = new Set<string>();
  const cursors = new Set<string>();
  if (typeof options.firstCursor === 'string' && options.firstCursor) cursors.add(options.firstCursor);
  let truncated = false;
  let repeatedCursor: string | undefined;
  let stopped: string | undefined;
  let pages = 0;
  let resume: WalkResult['resume'];
  const cursorParam = options.cursorParam ?? p.requestParam;
  let page = await firstPageOf(invoke());
  const objectField = isObj(page) && typeof page['object'] === 'string' ? page['object'] : 'list';
  for (;;) {
    pages++;
    const pageItems =
      typeof page.getPaginatedItems === 'function'
        ? page.getPaginatedItems()
        : Array.isArray(page)
          ? page
          : page[p.itemsField];
    const list = Array.isArray(pageItems) ? pageItems : [];
    const keys: string[] = [];
    for (const item of list) {
      const key = identity(item);
      // Only a repeat of an earlier page's item is dropped: a page may list equal values.
      if (earlier.has(key)) continue;
      if (max >= 0 && items.length >= max) {
        truncated = true;
        break;
      }
      keys.push(key);
      items.push(item);
    }
    for (const key of keys) earlier.add(key);
    options.progress?.update(pages, items.length);
    if (truncated) {
      // Stopped inside a page: only an id cursor can go on from the last item printed.
      const id = lastId(items);
      if (cursorIsId(p) && (typeof id === 'string' || typeof id === 'number'))
        resume = { param: cursorParam, value: id };
      break;
    }

    let next: (() => Promise<unknown>) | undefined;
    let cursor: unknown;
    let link: string | null | undefined;
    if (typeof page.hasNextPage === 'function') {
      if (page.hasNextPage()) {
        // A next link (the body's or the `Link` header's), else the next page's params.
        link = page.nextPageURL?.();
        cursor = link ?? page.nextPageRequestParams?.()?.[cursorParam];
        next = () => page.getNextPage!();
      }
    } else if (!COUNTED_OR_LINKED.has(p.style)) {
      cursor = page[p.cursorField] ?? (p.style === 'cursor' || p.style === 'cursor_before' ? lastId(list) : undefined);
      // Without a has_more field (token lists), the token alone says there is more.
      const more = p.hasMoreField ? page[p.hasMoreField] === true : true;
      // A numeric token (a page number) continues as the client's walk does.
      if (more && ((typeof cursor === 'string' && cursor) || typeof cursor === 'number'))
        next = async () => invoke({ [p.requestParam]: cursor });
    }
    if (!next) break;
    if (typeof cursor === 'string' || typeof cursor === 'number') {
      const text = String(cursor);
      if (cursors.has(text)) {
        repeatedCursor = text;
        break;
      }
      cursors.add(text);
    }
    if (max >= 0 && items.length >= max) {
      truncated = true;
      // Stopped at the end of a page: the next page is where to go on.
      if (link) resume = { url: link };
      else if (typeof cursor === 'string' || typeof cursor === 'number') resume = { param: cursorParam, value: cursor };
      break;
    }
    try {
      page = (await next()) as PageLike;
    } catch (e) {
      // A page-number list whose server sent the same page again: keep what came, say why it stopped.
      if ((e as Error | undefined)?.name !== 'PaginationError') throw e;
      stopped = (e as Error).message;
      break;
    }
  }
  return {
    result: p.itemsField
      ? { object: objectField, [p.itemsField]: items, [p.hasMoreField ?? 'has_more']: truncated }
      : items,
    truncated,
    pages,
    repeatedCursor,
    ...(stopped !== undefined ? { stopped } : {}),
    ...(resume ? { resume } : {}),
  };
}
