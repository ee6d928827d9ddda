import { recordViews } from '@/lib/articles/counters';
import { runOutsideRequest } from '@/lib/request/context';

/**
 * How long a page-cache hit's view waits to be sent with others. Views are tallied in Redis and
 * written to MongoDB in batches by a job anyway; sending each hit's view on its own was the
 * largest cost of a hit (a pipeline and a socket write per hit).
 */
const GATHER_MS = 50;

// The views of hits not sent yet, per article.
let pending = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

/**
 * Counts a page-cache hit's view of an article with the other hits' of the next 50 ms: one
 * pipeline for all of them. Never awaited, as a hit's view always was; a view that cannot be
 * counted never fails the page.
 */
export function countView(articleId: string): void {
  pending.set(articleId, (pending.get(articleId) ?? 0) + 1);
  // Sent by no request in particular: not billed to the hit that happened to come first.
  timer ??= runOutsideRequest(() => setTimeout(() => void sendViews(), GATHER_MS));
}

/** Sends the views gathered so far (also when the server stops: none is left behind). */
export async function sendViews(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const views = pending;
  pending = new Map();
  await recordViews(views).catch(() => undefined);
}
