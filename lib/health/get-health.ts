import { env, type JobsMode } from '@/lib/config/env';
import { databaseStatus, type DatabaseStatus } from '@/lib/db/connection';
import { cacheRedis, durableRedis, redisStatus, type RedisStatus } from '@/lib/redis';
import { globalSingleton } from '@/lib/util/global-singleton';

export interface Health {
  status: 'ok' | 'unavailable';
  instance: string;
  database: DatabaseStatus;
  /** The durable Redis (sessions, limits, jobs), which is also the cache unless one is set. */
  redis: RedisStatus;
  /** The cache Redis, only when it is its own deployment (CACHE_REDIS_URL). */
  cacheRedis?: RedisStatus;
  jobs: { mode: JobsMode };
  uptimeSeconds: number;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(check: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([
    check,
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS).unref()),
  ]);
}

/** The state of each store this instance depends on; a store down makes the instance unavailable. */
export async function getHealth(): Promise<Health> {
  const config = env();
  const timedOut = `no answer within ${CHECK_TIMEOUT_MS} ms`;
  const durable = durableRedis();
  const cache = cacheRedis();
  const [database, durableState, cacheState] = await Promise.all([
    withTimeout(databaseStatus(), { ok: false, error: timedOut }),
    withTimeout(redisStatus(durable), { ok: false, driver: durable.driver.name, error: timedOut }),
    cache === durable
      ? undefined
      : withTimeout(redisStatus(cache), { ok: false, driver: cache.driver.name, error: timedOut }),
  ]);
  return {
    status: database.ok && durableState.ok && (cacheState?.ok ?? true) ? 'ok' : 'unavailable',
    instance: config.instanceName,
    database,
    redis: durableState,
    ...(cacheState ? { cacheRedis: cacheState } : {}),
    jobs: { mode: config.jobsMode },
    uptimeSeconds: Math.round(process.uptime()),
  };
}

export type Readiness = 'ready' | 'degraded' | 'unavailable' | 'draining';

const lifecycle = globalSingleton('instanceLifecycle', () => ({ draining: false }));

/** From now on the load balancer is told to send this instance nothing new (shutdown). */
export function startDraining(): void {
  lifecycle.draining = true;
}

/**
 * Whether a load balancer should send this instance requests. One store down is `degraded`, not
 * unavailable: without Redis pages render from MongoDB, without MongoDB cached pages still serve,
 * so a blip of either must not take every instance out of the pool at once. Only both down, or a
 * shutdown, is a reason to stop sending. With a cache Redis of its own, that is the one whose
 * pages serve without MongoDB; the durable one down (sessions) degrades too.
 */
export async function getReadiness(): Promise<Readiness> {
  if (lifecycle.draining) return 'draining';
  const health = await getHealth();
  const cacheOk = (health.cacheRedis ?? health.redis).ok;
  if (health.database.ok && health.redis.ok && cacheOk) return 'ready';
  // With MongoDB down only the cache Redis still serves something (cached pages).
  return health.database.ok || cacheOk ? 'degraded' : 'unavailable';
}
