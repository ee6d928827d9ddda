import { recordViews } from '@/lib/articles/counters';

// The views of this turn's hits, not sent yet.
let pending = new Map<string, number>();

/**
 * Counts a page-cache hit's view of an article with those of the other hits of this turn of the
 * event loop: one pipeline per turn instead of one per hit. Sent at the end of the turn and never
 * awaited, as a hit's view always was; a view that cannot be counted never fails the page.
 */
export function countView(articleId: string): void {
  if (pending.size === 0) setImmediate(sendViews);
  pending.set(articleId, (pending.get(articleId) ?? 0) + 1);
}

function sendViews(): void {
  const views = pending;
  pending = new Map();
  recordViews(views).catch(() => undefined);
}
