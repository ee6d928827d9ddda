import { AsyncLocalStorage } from 'node:async_hooks';
import { globalSingleton } from '@/lib/util/global-singleton';

/** The kinds of cached object the app reads; each shows up in Server-Timing as `cache-<kind>`. */
export type CachedObjectKind = 'article' | 'graph' | 'stream' | 'session' | 'user' | 'page';

interface StoreCost {
  commands: number;
  ms: number;
}

/** Who sent the request, as far as this instance can tell. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** What one request (or one job step) cost the shared stores, and who sent it. */
export interface RequestMetrics {
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
}

/** Process-wide totals, for the benchmark: all commands, and those sent while serving requests. */
export interface ProcessTotals {
  requests: number;
  mongo: StoreCost;
  redis: StoreCost;
  inRequests: { mongo: StoreCost; redis: StoreCost };
}

const storage = globalSingleton(
  'requestMetricsStorage',
  () => new AsyncLocalStorage<RequestMetrics>(),
);
const totals = globalSingleton<ProcessTotals>('processTotals', () => ({
  requests: 0,
  mongo: { commands: 0, ms: 0 },
  redis: { commands: 0, ms: 0 },
  inRequests: { mongo: { commands: 0, ms: 0 }, redis: { commands: 0, ms: 0 } },
}));

export function createRequestMetrics(
  requestId: string,
  client?: ClientInfo,
  timingDetail = false,
): RequestMetrics {
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

/** Runs `work` with `metrics` as the current request's counters (AsyncLocalStorage). */
export function runWithRequestMetrics<T>(metrics: RequestMetrics, work: () => T): T {
  totals.requests += 1;
  return storage.run(metrics, work);
}

/** Runs `work` outside any request, so background work (job runs) is not billed to the request that started it. */
export function runOutsideRequest<T>(work: () => T): T {
  return storage.exit(work);
}

export function currentRequestMetrics(): RequestMetrics | undefined {
  return storage.getStore();
}

/** The current request's client; empty outside a request (jobs, scripts). */
export function currentClient(): ClientInfo {
  return storage.getStore()?.client ?? { ip: 'unknown', userAgent: '' };
}

/** This request's Server-Timing may carry its details (the viewer turned the cost panel on). */
export function allowTimingDetail(): void {
  const metrics = storage.getStore();
  if (metrics) metrics.timingDetail = true;
}

export function recordMongoCommand(ms: number, metrics = storage.getStore()): void {
  totals.mongo.commands += 1;
  totals.mongo.ms += ms;
  if (metrics) {
    metrics.mongo.commands += 1;
    metrics.mongo.ms += ms;
    totals.inRequests.mongo.commands += 1;
    totals.inRequests.mongo.ms += ms;
  }
}

export function recordRedisCommands(commands: number, ms: number): void {
  totals.redis.commands += commands;
  totals.redis.ms += ms;
  const metrics = storage.getStore();
  if (metrics) {
    metrics.redis.commands += commands;
    metrics.redis.ms += ms;
    totals.inRequests.redis.commands += commands;
    totals.inRequests.redis.ms += ms;
  }
}

export function recordCacheRead(kind: CachedObjectKind, hit: boolean): void {
  const metrics = storage.getStore();
  if (!metrics) return;
  const entry = (metrics.cache[kind] ??= { hits: 0, misses: 0 });
  if (hit) entry.hits += 1;
  else entry.misses += 1;
}

export function processTotals(): Readonly<ProcessTotals> {
  return totals;
}

function ms(value: number): string {
  return value.toFixed(1);
}

/**
 * The Server-Timing header value for a request: `total` for everyone; with `timingDetail`, also
 * mongo and redis (commands and time), cache hit/miss over all objects and per kind,
 * and the instance that served it.
 */
export function formatServerTiming(metrics: RequestMetrics, instanceName: string): string {
  const total = `total;dur=${ms(performance.now() - metrics.startedAt)}`;
  if (!metrics.timingDetail) return total;
  let hits = 0;
  let misses = 0;
  const perKind: string[] = [];
  for (const [kind, counts] of Object.entries(metrics.cache)) {
    if (!counts) continue;
    hits += counts.hits;
    misses += counts.misses;
    perKind.push(`cache-${kind};desc="${counts.misses > 0 ? 'miss' : 'hit'}"`);
  }
  return [
    total,
    `mongo;desc="${metrics.mongo.commands}";dur=${ms(metrics.mongo.ms)}`,
    `redis;desc="${metrics.redis.commands}";dur=${ms(metrics.redis.ms)}`,
    `cache;desc="hit=${hits} miss=${misses}"`,
    ...perKind,
    `instance;desc="${instanceName.replace(/["\\]/g, '')}"`,
  ].join(', ');
}
