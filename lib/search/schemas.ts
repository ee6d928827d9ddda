import { z } from 'zod';

/** A day that exists: 2026-02-30 or 2026-13-45 have the right shape and no place in a calendar. */
function isRealDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const day = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Use a date like 2026-01-31.')
  .refine(
    (value) => value === '' || isRealDay(value),
    'There is no such day; use one like 2026-01-31.',
  )
  .optional()
  .transform((value) => value || undefined);

const text = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value || undefined);

/** What /search and GET /api/search take (query-string values: every one optional). */
export const searchQuerySchema = z.object({
  q: text(200, 'Search for at most 200 characters.'),
  tag: text(30, 'A tag has at most 30 characters.').transform((tag) =>
    tag?.replace(/^#/, '').toLowerCase(),
  ),
  author: text(40, 'A username has at most 40 characters.').transform((name) =>
    name?.replace(/^@/, '').toLowerCase(),
  ),
  from: day,
  to: day,
  page: z.coerce
    .number({ error: 'A page is a number.' })
    .int('A page is a whole number.')
    .min(1, 'Pages start at 1.')
    .max(50, 'Search shows at most 50 pages; add words or filters.')
    .default(1),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

/** What the header's suggestions take. */
export const suggestQuerySchema = z.object({
  q: z.string().trim().min(1, 'Type something to search for.').max(100, 'At most 100 characters.'),
});
