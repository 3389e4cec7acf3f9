/**
 * The pagination the CLI and the MCP tools walk. A `single` page (a list the
 * request cannot ask past) is none to them: one request gives the whole list,
 * which the command prints and the tool returns as it comes; only the client
 * makes it a page object, iterable as openai-node's `Page`.
 */
import type { Operation, Pagination, PaginationStyle } from '../ir/types.js';

/** A pagination the CLI and MCP walk page by page. */
export type WalkedPagination = Pagination & { style: Exclude<PaginationStyle, 'single'> };

function isWalked(pagination: Pagination): pagination is WalkedPagination {
  return pagination.style !== 'single';
}

export function walkedPagination(op: Operation): WalkedPagination | undefined {
  return op.pagination && isWalked(op.pagination) ? op.pagination : undefined;
}
