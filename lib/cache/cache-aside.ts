import { recordCacheRead, type CachedObjectKind } from '@/lib/observability/request-metrics';
import { redis, RedisUnavailableError } from '@/lib/redis';

export interface ReadThroughOptions<T> {
  kind: CachedObjectKind;
  key: string;
  ttlSeconds: number;
  /** Builds the object from the source of truth; `null` means "does not exist". */
  load: () => Promise<T | null>;
  /** How long a "does not exist" answer is remembered (0: not at all). */
  missingTtlSeconds?: number;
}

const MISSING = '\u0000missing';
const LOCK_MS = 5_000;
const WAIT_STEP_MS = 25;
const WAIT_MAX_MS = 2_000;

/**
 * Cache-aside read with a stampede guard: a hit is served from Redis; on a miss one caller takes
 * a short lock and rebuilds from MongoDB while the others wait for its result, so a cold key read
 * by many requests at once costs one database query. Without Redis it reads the source directly.
 */
export async function readThrough<T>(options: ReadThroughOptions<T>): Promise<T | null> {
  const store = redis();
  const { kind, key, ttlSeconds, load, missingTtlSeconds = 0 } = options;
  let cached: string | null;
  try {
    cached = await store.one(store.cmd.get(key));
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      recordCacheRead(kind, false);
      return load();
    }
    throw error;
  }
  if (cached !== null) {
    recordCacheRead(kind, true);
    return cached === MISSING ? null : (JSON.parse(cached) as T);
  }
  recordCacheRead(kind, false);

  const lockKey = `lock:${key}`;
  const gotLock = await store
    .one(store.cmd.set(lockKey, '1', { ttlSeconds: LOCK_MS / 1000, onlyIfAbsent: true }))
    .catch(() => true);
  if (!gotLock) {
    for (let waited = 0; waited < WAIT_MAX_MS; waited += WAIT_STEP_MS) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
      const built = await store.one(store.cmd.get(key)).catch(() => null);
      if (built !== null) return built === MISSING ? null : (JSON.parse(built) as T);
    }
  }
  try {
    const value = await load();
    const stored =
      value !== null
        ? store.cmd.set(key, JSON.stringify(value), { ttlSeconds })
        : missingTtlSeconds > 0
          ? store.cmd.set(key, MISSING, { ttlSeconds: missingTtlSeconds })
          : undefined;
    // Failing to store only costs the next reader a rebuild.
    if (stored) await store.one(stored).catch(ignoreRedisOutage);
    return value;
  } finally {
    if (gotLock) await store.one(store.cmd.del(lockKey)).catch(() => undefined);
  }
}

function ignoreRedisOutage(error: unknown): void {
  if (!(error instanceof RedisUnavailableError)) throw error;
}

/** Drops cached objects after a change; the next read rebuilds them. */
export async function dropCached(...keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const store = redis();
  await store.all(keys.map((key) => store.cmd.del(key)));
}
