import { env } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { globalSingleton } from '@/lib/util/global-singleton';
import { RedisStore, type Op } from './store';
import { createClusterDriver } from './cluster-driver';
import { createTcpDriver } from './tcp-driver';
import type { RedisDriverName } from '@/lib/config/env';
import { createUpstashDriver } from './upstash-driver';

export { RedisStore, type Op, type ScoredMember, type RateLimitCount } from './store';
export { RedisUnavailableError, RedisReplyError, isRedisUnavailable } from './types';

/**
 * The durable Redis: what is not rebuilt from MongoDB (sessions, rate limits, locks, the job
 * journal and event claims, the mailbox, pending sign-ups, view counters until flushed). Upstash
 * REST when UPSTASH_REDIS_REST_URL is set, a Redis Cluster when REDIS_CLUSTER_NODES is, else one
 * Redis over TCP at REDIS_URL. Run it with `maxmemory-policy noeviction`: when full it refuses
 * writes instead of dropping sessions.
 */
export function durableRedis(): RedisStore {
  return globalSingleton('redis', () => {
    const config = env();
    const driver =
      config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
        ? createUpstashDriver({
            url: config.UPSTASH_REDIS_REST_URL,
            token: config.UPSTASH_REDIS_REST_TOKEN,
          })
        : config.redisClusterNodes
          ? createClusterDriver({ nodes: config.redisClusterNodes, onError: logOutage('durable') })
          : createTcpDriver({ url: config.REDIS_URL, onError: logOutage('durable') });
    return new RedisStore(driver, config.REDIS_KEY_PREFIX);
  });
}

/**
 * The cache Redis: everything rebuilt from MongoDB (cached objects, versioned sets and indexes,
 * streams, change stamps, whole pages, rebuild locks), so it may run `allkeys-lru` and evict.
 * A Redis over TCP at CACHE_REDIS_URL, or a Redis Cluster at CACHE_REDIS_CLUSTER_NODES; with
 * neither set it is the durable store itself (one deployment, the same instance).
 */
export function cacheRedis(): RedisStore {
  const config = env();
  if (!config.CACHE_REDIS_URL && !config.cacheRedisClusterNodes) return durableRedis();
  return globalSingleton('cacheRedis', () => {
    const driver = config.cacheRedisClusterNodes
      ? createClusterDriver({ nodes: config.cacheRedisClusterNodes, onError: logOutage('cache') })
      : createTcpDriver({ url: config.CACHE_REDIS_URL as string, onError: logOutage('cache') });
    return new RedisStore(driver, config.REDIS_KEY_PREFIX);
  });
}

/** Whether the cache lives on its own deployment (CACHE_REDIS_URL or _CLUSTER_NODES set). */
export function cacheRedisIsSeparate(): boolean {
  return cacheRedis() !== durableRedis();
}

/**
 * Sends cache and durable commands: one pipeline when both stores are one deployment (as many
 * round trips as before the split), else one pipeline to each, in parallel.
 */
export async function sendToBoth(
  cacheOps: readonly Op<unknown>[],
  durableOps: readonly Op<unknown>[],
): Promise<void> {
  const cache = cacheRedis();
  const durable = durableRedis();
  if (cache === durable) {
    await cache.all([...cacheOps, ...durableOps]);
    return;
  }
  await Promise.all([cache.all(cacheOps), durable.all(durableOps)]);
}

function logOutage(deployment: 'durable' | 'cache'): (error: Error) => void {
  return throttle((error) =>
    logger().warn({ err: error.message, deployment }, 'redis connection error'),
  );
}

export interface RedisStatus {
  ok: boolean;
  driver: RedisDriverName;
  latencyMs?: number;
  error?: string;
}

/** Whether `store` (the durable one unless given) answers a PING, and how fast. */
export async function redisStatus(store: RedisStore = durableRedis()): Promise<RedisStatus> {
  const started = performance.now();
  try {
    await store.one(store.cmd.ping());
    return {
      ok: true,
      driver: store.driver.name,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      ok: false,
      driver: store.driver.name,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** At most one call per interval: a Redis outage must not flood the log. */
function throttle(log: (error: Error) => void, intervalMs = 5_000): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    log(error);
  };
}
