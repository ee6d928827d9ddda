import {
  currentRequestContext,
  type CachedObjectKind,
  type RequestContext,
  type StoreCost,
} from '@/lib/request/context';
import { globalSingleton } from '@/lib/util/global-singleton';

/**
 * What requests cost the shared stores: each request's own counts (kept in its request context,
 * lib/request/context.ts), the process's totals (for the benchmark) and the Server-Timing header
 * that reports them.
 */

/** Process-wide totals, for the benchmark: all commands, and those sent while serving requests. */
export interface ProcessTotals {
  requests: number;
  /** MongoDB commands sent and not answered yet (a job's slow scan shows here before it ends). */
  mongoInFlight: number;
  mongo: StoreCost;
  redis: StoreCost;
  inRequests: { mongo: StoreCost; redis: StoreCost };
}

const totals = globalSingleton<ProcessTotals>('processTotals', () => ({
  requests: 0,
  mongoInFlight: 0,
  mongo: { commands: 0, ms: 0 },
  redis: { commands: 0, ms: 0 },
  inRequests: { mongo: { commands: 0, ms: 0 }, redis: { commands: 0, ms: 0 } },
}));

/** A request started: counted in the totals. */
export function countRequest(): void {
  totals.requests += 1;
}

/** A MongoDB command was sent; `recordMongoCommand` counts it when it ends. */
export function recordMongoCommandStarted(): void {
  totals.mongoInFlight += 1;
}

export function recordMongoCommand(ms: number, context = currentRequestContext()): void {
  totals.mongoInFlight = Math.max(0, totals.mongoInFlight - 1);
  totals.mongo.commands += 1;
  totals.mongo.ms += ms;
  if (context) {
    context.mongo.commands += 1;
    context.mongo.ms += ms;
    totals.inRequests.mongo.commands += 1;
    totals.inRequests.mongo.ms += ms;
  }
}

export function recordRedisCommands(commands: number, ms: number): void {
  totals.redis.commands += commands;
  totals.redis.ms += ms;
  const context = currentRequestContext();
  if (context) {
    context.redis.commands += commands;
    context.redis.ms += ms;
    totals.inRequests.redis.commands += commands;
    totals.inRequests.redis.ms += ms;
  }
}

export function recordCacheRead(kind: CachedObjectKind, hit: boolean): void {
  const context = currentRequestContext();
  if (!context) return;
  const entry = (context.cache[kind] ??= { hits: 0, misses: 0 });
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
export function formatServerTiming(context: RequestContext, instanceName: string): string {
  const total = `total;dur=${ms(performance.now() - context.startedAt)}`;
  if (!context.timingDetail) return total;
  let hits = 0;
  let misses = 0;
  const perKind: string[] = [];
  for (const [kind, counts] of Object.entries(context.cache)) {
    if (!counts) continue;
    hits += counts.hits;
    misses += counts.misses;
    perKind.push(`cache-${kind};desc="${counts.misses > 0 ? 'miss' : 'hit'}"`);
  }
  return [
    total,
    `mongo;desc="${context.mongo.commands}";dur=${ms(context.mongo.ms)}`,
    `redis;desc="${context.redis.commands}";dur=${ms(context.redis.ms)}`,
    `cache;desc="hit=${hits} miss=${misses}"`,
    ...perKind,
    `instance;desc="${instanceName.replace(/["\\]/g, '')}"`,
  ].join(', ');
}
