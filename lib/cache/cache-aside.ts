import { recordCacheRead } from '@/lib/observability/request-metrics';
import type { CachedObjectKind } from '@/lib/request/context';
import { cacheRedis, isRedisUnavailable } from '@/lib/redis';
import { dependOn, stampOps } from './change-clock';
import { pipedRead, type PipedRead } from './read-together';
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

/**
 * What a cached object's key can hold besides the object's JSON:
 * - MISSING: "does not exist", remembered briefly;
 * - a change marker, left by every change in place of the object. A rebuild stores its result only
 *   if the key still holds what it saw before reading MongoDB (nothing, or the same marker), so a
 *   slow rebuild that read the data before a change can never put the old object back.
 */
const MISSING = '\u0000missing';
const CHANGED_PREFIX = '\u0000changed:';
/** A change marker outlives any rebuild that could have begun before it. */
const CHANGE_MARKER_TTL_SECONDS = 10 * 60;

type CachedState<T> =
  | { state: 'hit'; value: T }
  | { state: 'missing' }
  /** Nothing usable: rebuild, storing only over `seen`. */
  | { state: 'miss'; seen: string };

function readCached<T>(raw: string | null): CachedState<T> {
  if (raw === null) return { state: 'miss', seen: '' };
  if (raw === MISSING) return { state: 'missing' };
  if (raw.startsWith(CHANGED_PREFIX)) return { state: 'miss', seen: raw };
  return { state: 'hit', value: JSON.parse(raw) as T };
}

/**
 * A cached object's read for a shared pipeline (lib/cache/read-together.ts): its GET, and `load`
 * (the domain's readThrough) when it is not cached.
 */
export function cachedObjectRead<T>(
  kind: CachedObjectKind,
  key: string,
  load: () => Promise<T | null>,
): PipedRead<T | null> {
  dependOn(key);
  return pipedRead(
    kind,
    [cacheRedis().cmd.get(key)] as const,
    ([raw]) => {
      const cached = readCached<T>(raw);
      if (cached.state === 'hit') return cached.value;
      return cached.state === 'missing' ? null : undefined;
    },
    load,
  );
}

/** Whether a key's raw value is a cached object (not nothing, a change marker or "missing"). */
export function holdsCachedObject(raw: string | null): boolean {
  return readCached(raw).state === 'hit';
}

// KEYS[1]: the object; ARGV: what the rebuild saw ('' for nothing), the value, its TTL.
const STORE_IF_UNCHANGED = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
`;

function storeIfUnchanged(key: string, seen: string, value: string, ttlSeconds: number) {
  return cacheRedis().cmd.script(
    STORE_IF_UNCHANGED,
    [key],
    [seen, value, Math.max(1, Math.ceil(ttlSeconds))],
    Number,
  );
}

function encode<T>(value: T | null, ttlSeconds: number, missingTtlSeconds: number) {
  if (value !== null) return { raw: JSON.stringify(value), ttl: ttlSeconds };
  return missingTtlSeconds > 0 ? { raw: MISSING, ttl: missingTtlSeconds } : null;
}

/**
 * Cache-aside read with a stampede guard: a hit is served from Redis; on a miss one caller takes
 * a short lock and rebuilds from MongoDB while the others wait for its result, so a cold key read
 * by many requests at once costs one database query. Without Redis it reads the source directly.
 */
export async function readThrough<T>(options: ReadThroughOptions<T>): Promise<T | null> {
  const store = cacheRedis();
  const { kind, key, ttlSeconds, load, missingTtlSeconds = 0 } = options;
  dependOn(key);
  let cached: CachedState<T>;
  try {
    cached = readCached<T>(await store.one(store.cmd.get(key)));
  } catch (error) {
    if (isRedisUnavailable(error)) {
      recordCacheRead(kind, false);
      return load();
    }
    throw error;
  }
  recordCacheRead(kind, cached.state !== 'miss');
  if (cached.state === 'hit') return cached.value;
  if (cached.state === 'missing') return null;

  const built = await rebuildOnce<{ value: T | null }>(
    key,
    async () => {
      const again = readCached<T>(await store.one(store.cmd.get(key)));
      if (again.state === 'hit') return { value: again.value };
      return again.state === 'missing' ? { value: null } : null;
    },
    async () => {
      // What the key holds now: a change after this read leaves a new marker, and the store below
      // then keeps it instead of what this rebuild read.
      const seen = readCached<T>(await store.one(store.cmd.get(key)));
      if (seen.state === 'hit') return { value: seen.value };
      const value = await load();
      const encoded = encode(value, ttlSeconds, missingTtlSeconds);
      // Failing to store only costs the next reader a rebuild.
      if (encoded && seen.state === 'miss')
        await store
          .one(storeIfUnchanged(key, seen.seen, encoded.raw, encoded.ttl))
          .catch(ignoreRedisOutage);
      return { value };
    },
  );
  return built.value;
}

export interface ReadThroughManyOptions<T> {
  kind: CachedObjectKind;
  ids: readonly string[];
  key: (id: string) => string;
  /** What a page built from these objects depends on (default: the objects' keys). */
  dependency?: (id: string) => string;
  ttlSeconds: number;
  /** Builds the objects that were not cached, in one query where it can; absent ids do not exist. */
  loadMany: (ids: string[]) => Promise<Map<string, T>>;
  missingTtlSeconds?: number;
}

/**
 * Many cached objects in one round trip (lists, streams, authors): the misses are built together
 * from the source of truth and stored with the same rule as `readThrough` (only over what the read
 * saw, so no slow rebuild overwrites a newer change). Returns what exists, keyed by id.
 */
export async function readThroughMany<T>(
  options: ReadThroughManyOptions<T>,
): Promise<Map<string, T>> {
  const { kind, key, ttlSeconds, loadMany, missingTtlSeconds = 0 } = options;
  const ids = [...new Set(options.ids)];
  const found = new Map<string, T>();
  if (ids.length === 0) return found;
  const store = cacheRedis();
  dependOn(...ids.map(options.dependency ?? key));
  // Without Redis every object is a miss, read from MongoDB.
  const raws = await store
    .all(ids.map((id) => store.cmd.get(key(id))))
    .catch(() => ids.map(() => null));
  const missing = new Map<string, string>();
  ids.forEach((id, index) => {
    const cached = readCached<T>(raws[index] ?? null);
    recordCacheRead(kind, cached.state !== 'miss');
    if (cached.state === 'hit') found.set(id, cached.value);
    else if (cached.state === 'miss') missing.set(id, cached.seen);
  });
  if (missing.size === 0) return found;
  const loaded = await loadMany([...missing.keys()]);
  const writes = [...missing].flatMap(([id, seen]) => {
    const value = loaded.get(id) ?? null;
    if (value !== null) found.set(id, value);
    const encoded = encode(value, ttlSeconds, missingTtlSeconds);
    return encoded ? [storeIfUnchanged(key(id), seen, encoded.raw, encoded.ttl)] : [];
  });
  if (writes.length > 0) await store.all(writes).catch(ignoreRedisOutage);
  return found;
}

/**
 * How long a cached object's "does not exist" is remembered: the one miss rule of users and
 * articles, read alone or in a batch. Lists name objects that may be gone (a deleted account in
 * a friend list, a withdrawn article in a stream): without it every view of such a list would
 * ask MongoDB again for each. A minute keeps that cheap, and a change drops the marker anyway.
 */
export const MISSING_TTL_SECONDS = 60;

export interface ReadThroughListOptions<T> extends Omit<
  ReadThroughManyOptions<T>,
  'missingTtlSeconds'
> {
  /** Ids that cannot name an object (malformed) are skipped before any read. */
  isValidId: (id: string) => boolean;
}

/**
 * The objects `ids` name that exist, in the order of `ids`, each once (lists of users, article
 * cards): one round trip for the hits, one `loadMany` for the misses. An object that does not
 * exist is left out of the list and remembered as missing for MISSING_TTL_SECONDS.
 */
export async function readThroughList<T>(options: ReadThroughListOptions<T>): Promise<T[]> {
  const ids = [...new Set(options.ids)].filter(options.isValidId);
  const found = await readThroughMany<T>({
    ...options,
    ids,
    missingTtlSeconds: MISSING_TTL_SECONDS,
  });
  return ids.flatMap((id) => {
    const value = found.get(id);
    return value === undefined ? [] : [value];
  });
}

function ignoreRedisOutage(error: unknown): void {
  if (!isRedisUnavailable(error)) throw error;
}

/**
 * Replaces cached objects by change markers after a change (and stamps them changed); the next
 * read rebuilds them, and a rebuild that began before the change cannot store what it read.
 */
export async function dropCached(...keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const store = cacheRedis();
  const marker = `${CHANGED_PREFIX}${crypto.randomUUID()}`;
  await store.all([
    ...keys.map((key) => store.cmd.set(key, marker, { ttlSeconds: CHANGE_MARKER_TTL_SECONDS })),
    ...stampOps(keys),
  ]);
}

/**
 * Deletes cached objects whose source is gone for good (a deleted account's), stamping them changed
 * so that no page built on them is served again. Only for objects that can no longer be rebuilt:
 * a rebuild now reads nothing, so no change marker is needed to guard against a stale one.
 */
export async function forgetCached(...keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const store = cacheRedis();
  await store.all([...keys.map((key) => store.cmd.del(key)), ...stampOps(keys)]);
}
