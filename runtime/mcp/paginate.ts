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
  /** Pass as the cursor argument (`after` / `page`) to continue; null at the end. */
  next_cursor: string | null;
}

/** The fields of one page: the client's page object carries the response body's fields. */
function pageFields(page: unknown, spec: PageSpec): { items: unknown[]; hasMore: boolean; cursor: unknown } {
  let body: any = page;
  if (body && !Array.isArray(body[spec.itemsField]) && body.body && typeof body.body === 'object') body = body.body;
  const items = Array.isArray(body?.[spec.itemsField]) ? (body[spec.itemsField] as unknown[]) : [];
  return { items, hasMore: body?.[spec.hasMoreField] === true, cursor: body?.[spec.cursorField] };
}

const idOf = (item: unknown): string | undefined => {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * A call that pages backwards (its `before` argument set): that one page, as a
 * walk's result without a cursor to go on (the next page back is the
 * `before` of its first item); walking on would send both cursors.
 */
export function onePage(spec: PageSpec, page: unknown, maxItems: number): PageResult {
  const { items, hasMore } = pageFields(page, spec);
  const truncated = items.length > maxItems;
  return { data: items.slice(0, maxItems), has_more: hasMore || truncated, truncated, next_cursor: null };
}

export async function collectPages(
  spec: PageSpec,
  maxItems: number,
  startCursor: unknown,
  fetchPage: (cursor: unknown) => unknown,
  /** Called after each page with the number of items collected so far. */
  onPage?: (collected: number) => void,
): Promise<PageResult> {
  const data: unknown[] = [];
  const seen = new Set<unknown>();
  let cursor = startCursor;
  for (;;) {
    const { items, hasMore, cursor: rawNext } = pageFields(await fetchPage(cursor), spec);
    // Cursor lists continue after the last item's id when `last_id` is absent.
    const idCursor = spec.style === 'cursor' || spec.style === 'cursor_before';
    let next = typeof rawNext === 'string' && rawNext ? rawNext : idCursor ? idOf(items[items.length - 1]) : undefined;
    onPage?.(Math.min(data.length + items.length, maxItems));
    const room = maxItems - data.length;
    if (items.length > room) {
      // Cutting inside a page is only resumable when the cursor is an item id.
      const cut = idCursor && room > 0 ? idOf(items[room - 1]) : undefined;
      if (cut) return { data: [...data, ...items.slice(0, room)], has_more: true, truncated: true, next_cursor: cut };
      data.push(...items);
      return { data, has_more: hasMore, truncated: hasMore, next_cursor: hasMore ? (next ?? null) : null };
    }
    data.push(...items);
    if (!hasMore || next === undefined || items.length === 0) {
      return { data, has_more: hasMore, truncated: false, next_cursor: hasMore ? (next ?? null) : null };
    }
    if (data.length >= maxItems) return { data, has_more: true, truncated: true, next_cursor: next };
    // A server that repeats a cursor would loop forever: stop and say so.
    if (seen.has(next)) return { data, has_more: true, truncated: true, next_cursor: next };
    seen.add(next);
    cursor = next;
  }
}
