import { AsyncLocalStorage } from 'node:async_hooks';
import { globalSingleton } from '@/lib/util/global-singleton';

/**
 * The request context: what the request being served carries through every await, without
 * being passed along. The server (lib/server/http-server.ts) opens one per request; the code
 * below it reads who sent the request, counts what it cost (lib/observability/request-metrics.ts)
 * and notes what the page cache must know about the page it renders. Outside a request (jobs,
 * scripts) there is none, and every note below is a no-op.
 */

/** The kinds of cached object the app reads; each shows up in Server-Timing as `cache-<kind>`. */
export type CachedObjectKind = 'article' | 'graph' | 'stream' | 'session' | 'user' | 'page';

export interface StoreCost {
  commands: number;
  ms: number;
}

/** Who sent the request, as far as this instance can tell. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** What the page cache learns while a page renders. */
export interface PageCapture {
  /** The cached objects the page was built from (their tags). */
  dependencies: Set<string>;
  /** The article whose view a cache hit must still count. */
  countViewOf: string | null;
  /** Why this response must not be kept, if it must not. */
  refused: string | null;
  /** The viewer the render saw: a user id, null for nobody, undefined when it never asked. */
  viewer?: string | null;
  /**
   * Who the copy is for: nobody signed in, one person, or every signed-in reader. A render for
   * every reader leaves out whatever differs per reader (lib/page-cache/reader-state.ts fills it in
   * the browser), and is kept only if the page declared itself the same for all of them.
   */
  audience: 'anonymous' | 'person' | 'members';
  /** The page said it shows every signed-in reader the same thing (see `shareWithMembers`). */
  sharedWithMembers: boolean;
}

/** A capture that has learnt nothing yet, for a copy meant for `audience`. */
export function newPageCapture(audience: PageCapture['audience'] = 'anonymous'): PageCapture {
  return {
    dependencies: new Set<string>(),
    countViewOf: null,
    refused: null,
    audience,
    sharedWithMembers: false,
  };
}

/** One request (or one job step): who sent it, what it cost the shared stores. */
export interface RequestContext {
  requestId: string;
  client?: ClientInfo;
  startedAt: number;
  mongo: StoreCost;
  redis: StoreCost;
  cache: Partial<Record<CachedObjectKind, { hits: number; misses: number }>>;
  /** Set while the response may be kept in the page cache (lib/page-cache). */
  pageCapture?: PageCapture;
  /**
   * Whether Server-Timing may say more than `total`: command counts, cache kinds and the instance
   * tell an attacker what each request cost and where, so only operators and people who turned
   * the cost panel on see them.
   */
  timingDetail: boolean;
}

const storage = globalSingleton(
  'requestContextStorage',
  () => new AsyncLocalStorage<RequestContext>(),
);

export function createRequestContext(
  requestId: string,
  client?: ClientInfo,
  timingDetail = false,
): RequestContext {
  return {
    requestId,
    client,
    timingDetail,
    startedAt: performance.now(),
    mongo: { commands: 0, ms: 0 },
    redis: { commands: 0, ms: 0 },
    cache: {},
  };
}

/** Runs `work` with `context` as the current request's (AsyncLocalStorage). */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** Runs `work` outside any request, so background work (job runs) is not billed to the request that started it. */
export function runOutsideRequest<T>(work: () => T): T {
  return storage.exit(work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The current request's client; empty outside a request (jobs, scripts). */
export function currentClient(): ClientInfo {
  return storage.getStore()?.client ?? { ip: 'unknown', userAgent: '' };
}

/** This request's Server-Timing may carry its details (the viewer turned the cost panel on). */
export function allowTimingDetail(): void {
  const context = storage.getStore();
  if (context) context.timingDetail = true;
}

/*
 * What a page tells the page cache while it renders. Each is a no-op when the response is not
 * being captured (most requests), so pages call them unconditionally.
 */

function pageCapture(): PageCapture | undefined {
  return storage.getStore()?.pageCapture;
}

/** This response shows something that must not be served to the next visitor (a fault, a debug panel). */
export function preventPageCache(reason: string): void {
  const capture = pageCapture();
  if (capture && !capture.refused) capture.refused = reason;
}

/**
 * Whether this render is kept for every signed-in reader: if so, nothing of the viewer may be in
 * it (header, like state, edit and comment controls come from the reader's state in the browser).
 */
export function renderingForMembers(): boolean {
  return pageCapture()?.audience === 'members';
}

/**
 * The page shows every signed-in reader the same thing (a public article: what differs per reader
 * is filled in the browser). Without this a render for every reader is never kept.
 */
export function shareWithMembers(): void {
  const capture = pageCapture();
  if (capture) capture.sharedWithMembers = true;
}

/** A cache hit of this page still counts a view of `articleId`. */
export function countViewOnPageHit(articleId: string): void {
  const capture = pageCapture();
  if (capture) capture.countViewOf = articleId;
}

/**
 * Whom this render showed the page to (a user id, or null for nobody signed in). A page is kept
 * only under the key of the viewer its render saw: never a signed-in render as anyone else's.
 */
export function noteViewer(userId: string | null): void {
  const capture = pageCapture();
  if (!capture) return;
  if (capture.viewer !== undefined && capture.viewer !== userId) capture.refused = 'viewer changed';
  capture.viewer = userId;
}
