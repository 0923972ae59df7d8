import { z } from 'zod';

export const PaginationQuery = z.object({
  start_index: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type PaginationQuery = z.infer<typeof PaginationQuery>;

export function paginatedList<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    has_more: z.boolean(),
    url: z.string().optional(),
  });
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
}

/** Slice an already ordered list as Llama Stack's list endpoints do. */
export function pageOf<T>(items: readonly T[], query: PaginationQuery = {}): Page<T> {
  const start = query.start_index ?? 0;
  const end = query.limit === undefined ? items.length : start + query.limit;
  return { data: items.slice(start, end), has_more: end < items.length };
}
