import { env } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { globalSingleton } from '@/lib/util/global-singleton';
import { RedisStore } from './store';
import { createClusterDriver } from './cluster-driver';
import { createTcpDriver } from './tcp-driver';
import type { RedisDriverName } from './types';
import { createUpstashDriver } from './upstash-driver';

export { RedisStore, type Op, type ScoredMember, type RateLimitCount } from './store';
export { RedisUnavailableError, RedisReplyError, isRedisUnavailable } from './types';

/**
 * The process's Redis store: Upstash REST when UPSTASH_REDIS_REST_URL is set, a Redis Cluster
 * when REDIS_CLUSTER_NODES is, else one Redis over TCP.
 */
export function redis(): RedisStore {
  return globalSingleton('redis', () => {
    const config = env();
    const onError = throttle((error) =>
      logger().warn({ err: error.message }, 'redis connection error'),
    );
    const driver =
      config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
        ? createUpstashDriver({
            url: config.UPSTASH_REDIS_REST_URL,
            token: config.UPSTASH_REDIS_REST_TOKEN,
          })
        : config.redisClusterNodes
          ? createClusterDriver({ nodes: config.redisClusterNodes, onError })
          : createTcpDriver({ url: config.REDIS_URL, onError });
    return new RedisStore(driver, config.REDIS_KEY_PREFIX);
  });
}

export interface RedisStatus {
  ok: boolean;
  driver: RedisDriverName;
  latencyMs?: number;
  error?: string;
}

export async function redisStatus(): Promise<RedisStatus> {
  const store = redis();
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
