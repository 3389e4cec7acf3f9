/**
 * Auto-pagination for list tools: fetch pages through the client until
 * `max_items` items are collected or the API has no more, then report
 * `has_more`, `truncated` and the cursor to continue from.
 */
import type { PageSpec } from './table.js';

export interface PageResult {
  [key: string]: unknown;
  data: unknown[];
  /** More items exist after the ones returned. */
  has_more: boolean;
  /** The walk stopped at `max_items` (not at the end of the list). */
  truncated: boolean;
  /**
   * Pass as the cursor argument (`after` / `page` / `page_url`) to continue; null at the end. A
   * number for page-number and offset lists (the next page's number or offset).
   */
  next_cursor: string | number | null;
}

/** Styles walked by the client's page object, which counts the next page or resolves the next link. */
const PAGE_OBJECT_STYLES = new Set<PageSpec['style']>(['next_link', 'page_number', 'offset']);
const COUNTED = new Set<PageSpec['style']>(['page_number', 'offset']);

interface ClientPage {
  getPaginatedItems(): unknown[];
  hasNextPage(): boolean;
  nextCursor(): string | null;
  nextPageURL?(): string | null;
}

const isClientPage = (page: unknown): page is ClientPage =>
  typeof (page as ClientPage | null)?.hasNextPage === 'function' &&
  typeof (page as ClientPage).nextCursor === 'function';

/** A next cursor the walk can follow: a non-empty token or link, or a number. */
const followable = (cursor: unknown): cursor is string | number =>
  (typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number';

/** The fields of one page: the client's page object carries the response body's fields. */
function pageFields(
  page: unknown,
  spec: PageSpec,
): { items: unknown[]; hasMore: boolean; cursor: unknown; firstId: unknown } {
  if (PAGE_OBJECT_STYLES.has(spec.style) && isClientPage(page)) {
    const hasMore = page.hasNextPage();
    const next = hasMore ? page.nextCursor() : null;
    // A next link (the body's or the `Link` header's) goes back as the absolute URL; a page number or offset as the
    // integer argument it is.
    const link = hasMore ? (page.nextPageURL?.() ?? null) : null;
    const cursor = next === null ? undefined : link === null && COUNTED.has(spec.style) ? Number(next) : next;
    return { items: page.getPaginatedItems(), hasMore, cursor, firstId: undefined };
  }
  let body: any = page;
  if (body && !Array.isArray(body[spec.itemsField]) && body.body && typeof body.body === 'object') body = body.body;
  const items = Array.isArray(body?.[spec.itemsField]) ? (body[spec.itemsField] as unknown[]) : [];
  // A numeric token (a page number) continues as the client's walk does; it goes back as text.
  const token = body?.[spec.cursorField];
  const cursor = typeof token === 'number' ? String(token) : token;
  return {
    items,
    // Without a has_more field (token lists), a token says there is more.
    hasMore: spec.hasMoreField ? body?.[spec.hasMoreField] === true : typeof cursor === 'string' && cursor !== '',
    cursor,
    firstId: body?.first_id,
  };
}

const idOf = (item: unknown): string | undefined => {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Walk the pages from `startCursor`. `backwards`: the walk started with the
 * backward cursor (`before`), so each next page is the one before the first
 * item (`first_id`, else its `id`), as the client's and the CLI's walks go, and `next_cursor` is
 * passed as that argument again; such a walk stops at whole pages (which end
 * of a page is nearer the cursor is the API's choice).
 */
export async function collectPages(
  spec: PageSpec,
  maxItems: number,
  startCursor: unknown,
  fetchPage: (cursor: unknown) => unknown,
  /** Called after each page with the number of items collected so far. */
  onPage?: (collected: number) => void,
  backwards = false,
): Promise<PageResult> {
  const data: unknown[] = [];
  const seen = new Set<unknown>();
  let cursor = startCursor;
  let previous: string | undefined;
  for (;;) {
    const { items, hasMore, cursor: rawNext, firstId } = pageFields(await fetchPage(cursor), spec);
    // A page-number list whose server does not read the page param sends one page forever: stop there.
    const text = COUNTED.has(spec.style) && items.length > 0 ? JSON.stringify(items) : undefined;
    if (text !== undefined && text === previous) return { data, has_more: true, truncated: true, next_cursor: null };
    previous = text;
    // Cursor lists continue after the last item's id when `last_id` is absent.
    const idCursor = spec.style === 'cursor' || spec.style === 'cursor_before';
    let next = backwards
      ? typeof firstId === 'string' && firstId
        ? firstId
        : idOf(items[0])
      : followable(rawNext)
        ? rawNext
        : idCursor
          ? idOf(items[items.length - 1])
          : undefined;
    onPage?.(Math.min(data.length + items.length, maxItems));
    const room = maxItems - data.length;
    if (items.length > room) {
      // Cutting inside a page is only resumable when the cursor is the id of the last item kept.
      const cut = idCursor && !backwards && room > 0 ? idOf(items[room - 1]) : undefined;
      if (cut) return { data: [...data, ...items.slice(0, room)], has_more: true, truncated: true, next_cursor: cut };
      data.push(...items);
      return { data, has_more: hasMore, truncated: hasMore, next_cursor: hasMore ? (next ?? null) : null };
    }
    data.push(...items);
    // An empty page ends the walk, except in a token list without has_more, which follows its token past one.
    if (!hasMore || next === undefined || (items.length === 0 && spec.hasMoreField)) {
      return { data, has_more: hasMore, truncated: false, next_cursor: hasMore ? (next ?? null) : null };
    }
    if (data.length >= maxItems) return { data, has_more: true, truncated: true, next_cursor: next };
    // A server that repeats a cursor would loop forever: stop and say so.
    if (seen.has(next)) return { data, has_more: true, truncated: true, next_cursor: next };
    seen.add(next);
    cursor = next;
  }
}
