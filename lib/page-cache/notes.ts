import { currentRequestMetrics } from '@/lib/observability/request-metrics';

/**
 * What a page tells the page cache while it renders. Both are no-ops when the response is not
 * being captured (most requests), so pages call them unconditionally.
 */

/** This response shows something that must not be served to the next visitor (a fault, a debug panel). */
export function preventPageCache(reason: string): void {
  const capture = currentRequestMetrics()?.pageCapture;
  if (capture && !capture.refused) capture.refused = reason;
}

/** A cache hit of this page still counts a view of `articleId`. */
export function countViewOnPageHit(articleId: string): void {
  const capture = currentRequestMetrics()?.pageCapture;
  if (capture) capture.countViewOf = articleId;
}
