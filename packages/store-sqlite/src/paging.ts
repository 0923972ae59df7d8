import type { Page, PaginationQuery } from '@llama-stack-ts/api-types';

/** LIMIT/OFFSET for one row more than the page, so `has_more` needs no COUNT. SQLite reads LIMIT -1 as "all". */
export function sqlitePageBounds(query: PaginationQuery = {}): { limit: number; offset: number } {
  return { limit: query.limit === undefined ? -1 : query.limit + 1, offset: query.start_index ?? 0 };
}

export function pageFromRows<Row, Item>(
  rows: Row[],
  query: PaginationQuery = {},
  toItem: (row: Row) => Item,
): Page<Item> {
  const hasMore = query.limit !== undefined && rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  return { data: pageRows.map(toItem), has_more: hasMore };
}
