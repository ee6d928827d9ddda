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

/**
 * Whom this render showed the page to (a user id, or null for nobody signed in). A page is kept
 * only under the key of the viewer its render saw: never a signed-in render as anyone else's.
 */
export function noteViewer(userId: string | null): void {
  const capture = currentRequestMetrics()?.pageCapture;
  if (!capture) return;
  if (capture.viewer !== undefined && capture.viewer !== userId) capture.refused = 'viewer changed';
  capture.viewer = userId;
}
