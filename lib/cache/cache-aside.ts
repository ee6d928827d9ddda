import { recordCacheRead, type CachedObjectKind } from '@/lib/observability/request-metrics';
import { redis, isRedisUnavailable } from '@/lib/redis';
import { dependOn, stampOps } from './change-clock';
import { rebuildOnce } from './rebuild-once';

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

/**
 * Cache-aside read with a stampede guard: a hit is served from Redis; on a miss one caller takes
 * a short lock and rebuilds from MongoDB while the others wait for its result, so a cold key read
 * by many requests at once costs one database query. Without Redis it reads the source directly.
 */
export async function readThrough<T>(options: ReadThroughOptions<T>): Promise<T | null> {
  const store = redis();
  const { kind, key, ttlSeconds, load, missingTtlSeconds = 0 } = options;
  dependOn(key);
  let cached: string | null;
  try {
    cached = await store.one(store.cmd.get(key));
  } catch (error) {
    if (isRedisUnavailable(error)) {
      recordCacheRead(kind, false);
      return load();
    }
    throw error;
  }
  if (cached !== null) {
    recordCacheRead(kind, true);
    return decode<T>(cached);
  }
  recordCacheRead(kind, false);

  const built = await rebuildOnce<{ value: T | null }>(
    key,
    async () => {
      const raw = await store.one(store.cmd.get(key));
      return raw === null ? null : { value: decode<T>(raw) };
    },
    async () => {
      const value = await load();
      const stored =
        value !== null
          ? store.cmd.set(key, JSON.stringify(value), { ttlSeconds })
          : missingTtlSeconds > 0
            ? store.cmd.set(key, MISSING, { ttlSeconds: missingTtlSeconds })
            : undefined;
      // Failing to store only costs the next reader a rebuild.
      if (stored) await store.one(stored).catch(ignoreRedisOutage);
      return { value };
    },
  );
  return built.value;
}

function decode<T>(raw: string): T | null {
  return raw === MISSING ? null : (JSON.parse(raw) as T);
}

function ignoreRedisOutage(error: unknown): void {
  if (!isRedisUnavailable(error)) throw error;
}

/** Drops cached objects after a change (and stamps them changed); the next read rebuilds them. */
export async function dropCached(...keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const store = redis();
  await store.all([...keys.map((key) => store.cmd.del(key)), ...stampOps(keys)]);
}
