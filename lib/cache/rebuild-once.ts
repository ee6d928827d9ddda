import { cacheRedis } from '@/lib/redis';

const LOCK_SECONDS = 5;
const WAIT_STEP_MS = 20;
const WAIT_MAX_MS = 2_000;

/**
 * The stampede guard of every cache-aside read: of the callers that miss one key at the same
 * time, one takes a short lock and rebuilds from MongoDB; the others poll the cache for its
 * result (up to 2 s, then rebuild themselves rather than fail).
 */
export async function rebuildOnce<T>(
  key: string,
  readBuilt: () => Promise<T | null>,
  build: () => Promise<T>,
): Promise<T> {
  const store = cacheRedis();
  const lockKey = `lock:${key}`;
  const locked = await store
    .one(store.cmd.set(lockKey, '1', { ttlSeconds: LOCK_SECONDS, onlyIfAbsent: true }))
    .catch(() => true);
  if (!locked) {
    for (let waited = 0; waited < WAIT_MAX_MS; waited += WAIT_STEP_MS) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
      const built = await readBuilt().catch(() => null);
      if (built !== null) return built;
    }
  }
  try {
    return await build();
  } finally {
    if (locked) await store.one(store.cmd.del(lockKey)).catch(() => undefined);
  }
}
