import { currentRequestContext } from '@/lib/request/context';
import { cacheRedis, type Op } from '@/lib/redis';

/**
 * When each cached object last changed, so that what was built from cached objects (a rendered
 * page) can tell whether it is still current:
 * - every read of a cached object during a request records the object's tag as a dependency;
 * - every change of a cached object stamps the object with the writer's clock, after the data
 *   itself changed (later in the same pipeline, so in order on the node);
 * - something built from reads that began at T is current while each dependency's stamp is older
 *   than T minus CLOCK_SKEW_MS (instances' clocks may differ by that much). A change at C ≥ T may
 *   or may not be in it, so it counts as stale.
 *
 * Stamps are fields of STAMP_SHARDS hashes, one hash tag each (so Redis Cluster spreads them), and
 * checking a page built from ~70 objects costs one HMGET per shard instead of one GET per object.
 * A stamp only ever moves forward (a writer whose clock is behind never rewinds it). Stamps older
 * than STAMP_TTL_MS are pruned by a job (Redis 7.0 has no per-field expiry); it must outlive
 * anything built on it, so a missing stamp means "unchanged for longer than that".
 *
 * A cache Redis may evict a whole stamp hash (allkeys-lru), and then a missing stamp means
 * nothing. So each hash keeps the time it was created (BORN_FIELD, set by the first write that
 * makes it): what is built on stamps records each shard's birth (`shardBirths`) and is current
 * only while the birth is still the same, i.e. the hash was never lost since.
 */
export const CLOCK_SKEW_MS = 1_000;
export const STAMP_TTL_MS = 2 * 60 * 60 * 1000;
export const STAMP_SHARDS = 8;
/** A field of each stamp hash that no object tag can be: when the hash was created. */
export const BORN_FIELD = '~born';

/** The object a key belongs to: the part inside `{…}` (its Redis Cluster hash tag) or the key. */
export function tagOf(key: string): string {
  const tagged = /^\{([^}]+)\}/.exec(key);
  return tagged?.[1] ?? key;
}

// Each page hit asks for the shards of the same tags again: remembered (bounded).
const shardOfTag = new Map<string, string>();

/** The hash holding the stamp of `tag` (FNV-1a of the tag, so every instance agrees). */
export function stampShardOf(tag: string): string {
  const known = shardOfTag.get(tag);
  if (known !== undefined) return known;
  let hash = 0x811c9dc5;
  for (let index = 0; index < tag.length; index += 1) {
    hash = Math.imul(hash ^ tag.charCodeAt(index), 0x01000193) >>> 0;
  }
  const shard = stampShardKey(hash % STAMP_SHARDS);
  if (shardOfTag.size >= 100_000) shardOfTag.clear();
  shardOfTag.set(tag, shard);
  return shard;
}

export function stampShardKey(shard: number): string {
  return `{stamps:${shard}}:changed`;
}

/** Records that the current request read the cached object behind each key. */
export function dependOn(...keys: string[]): void {
  const dependencies = currentRequestContext()?.pageCapture?.dependencies;
  if (!dependencies) return;
  for (const key of keys) dependencies.add(tagOf(key));
}

function groupByShard(tags: Iterable<string>): Map<string, string[]> {
  const shards = new Map<string, string[]>();
  for (const tag of tags) {
    const shard = stampShardOf(tag);
    const inShard = shards.get(shard);
    if (inShard) inShard.push(tag);
    else shards.set(shard, [tag]);
  }
  return shards;
}

// ARGV[1]: the writer's clock; ARGV[2..]: the objects' tags. Never moves a stamp backwards.
const STAMP = `
redis.call('HSETNX', KEYS[1], '${BORN_FIELD}', ARGV[1])
local now = tonumber(ARGV[1])
for i = 2, #ARGV do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if now > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
end
return #ARGV - 1
`;

/**
 * Stamps the objects behind `keys` as changed now: one command per shard. Send them after the
 * changes themselves (later in the same pipeline).
 */
export function stampOps(keys: readonly string[], now = Date.now()): Op<number>[] {
  const store = cacheRedis();
  const tags = new Set(keys.map(tagOf));
  return [...groupByShard(tags)].map(([shard, inShard]) =>
    store.cmd.script(STAMP, [shard], [now, ...inShard], Number),
  );
}

/** A command that changes one cached object, and that object's key (to stamp it after). */
export interface CachedObjectChange {
  readonly op: Op<number>;
  readonly key: string;
}

/** The changes followed by their stamps, to send in one pipeline. */
export function withStamps(changes: readonly CachedObjectChange[]): Op<number>[] {
  return [...changes.map(({ op }) => op), ...stampOps(changes.map(({ key }) => key))];
}

/** The stamps of `tags`, in order (0 where none is kept): one HMGET per shard. */
export async function readStamps(tags: readonly string[]): Promise<number[]> {
  return (await readStampsAndBirths(tags)).stamps;
}

/**
 * The stamps of `tags` (as `readStamps`) and the birth of each shard they fall in (null where
 * the hash does not exist), in the same one HMGET per shard.
 */
export async function readStampsAndBirths(tags: readonly string[]): Promise<StampsAndBirths> {
  if (tags.length === 0) return { stamps: [], births: {} };
  const store = cacheRedis();
  const shards = [...groupByShard(tags)];
  const replies = await store.all(
    shards.map(([shard, inShard]) => store.cmd.hmget(shard, [BORN_FIELD, ...inShard])),
  );
  const stampOf = new Map<string, number>();
  const births: Record<string, string | null> = {};
  for (const [index, [shard, inShard]] of shards.entries()) {
    const [born = null, ...values] = replies[index] ?? [];
    births[shard] = born;
    for (const [at, tag] of inShard.entries()) {
      const value = values[at];
      stampOf.set(tag, value === null || value === undefined ? 0 : Number(value));
    }
  }
  return { stamps: tags.map((tag) => stampOf.get(tag) ?? 0), births };
}

/** The stamps and shard births `readStampsAndBirths` answers. */
export interface StampsAndBirths {
  stamps: number[];
  births: Record<string, string | null>;
}

interface StampRead {
  promise: Promise<StampsAndBirths>;
  resolve: (result: StampsAndBirths) => void;
  reject: (error: unknown) => void;
}

// The reads asked for in this turn of the event loop, not sent yet, by the list of tags asked
// for (hits of one kept copy ask with the same list: they share one answer).
let waiting = new Map<readonly string[], StampRead>();

/**
 * As `readStampsAndBirths`, but the reads asked for in the same turn of the event loop (hits that
 * arrived together) share one pipeline, sent once all of them have asked: each reply still comes
 * from a read made after its caller asked, so it shows every change stamped before that. Under
 * load this makes a hit's stamp check a fraction of a command; the commands are billed to the
 * request that asked first. Callers must not change the reply (it may be shared).
 */
export function readStampsAndBirthsTogether(tags: readonly string[]): Promise<StampsAndBirths> {
  const asked = waiting.get(tags);
  if (asked) return asked.promise;
  if (waiting.size === 0) setImmediate(sendWaitingReads);
  let resolve: StampRead['resolve'] = () => undefined;
  let reject: StampRead['reject'] = () => undefined;
  const promise = new Promise<StampsAndBirths>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  waiting.set(tags, { promise, resolve, reject });
  return promise;
}

async function sendWaitingReads(): Promise<void> {
  const reads = waiting;
  waiting = new Map();
  try {
    const tags = [...new Set([...reads.keys()].flat())];
    const { stamps, births } = await readStampsAndBirths(tags);
    const stampOf = new Map(tags.map((tag, index) => [tag, stamps[index] ?? 0]));
    for (const [asked, read] of reads) {
      // Each caller gets the births of its own shards only: it compares them all.
      const own: Record<string, string | null> = {};
      for (const tag of asked) {
        const shard = stampShardOf(tag);
        own[shard] = births[shard] ?? null;
      }
      read.resolve({ stamps: asked.map((tag) => stampOf.get(tag) ?? 0), births: own });
    }
  } catch (error) {
    for (const read of reads.values()) read.reject(error);
  }
}

// Creates the hash's birth if it has none (a hash nothing has stamped yet), and returns it.
const BIRTH = `
redis.call('HSETNX', KEYS[1], '${BORN_FIELD}', ARGV[1])
return redis.call('HGET', KEYS[1], '${BORN_FIELD}')
`;

/**
 * The birth of each shard `tags` fall in, creating it where there is none: record it beside what
 * is built on their stamps, and compare with `readStampsAndBirths` later. One command per shard.
 */
export async function shardBirths(
  tags: readonly string[],
  now = Date.now(),
): Promise<Record<string, string>> {
  if (tags.length === 0) return {};
  const store = cacheRedis();
  const shards = [...groupByShard(tags).keys()];
  const replies = await store.all(
    shards.map((shard) => store.cmd.script(BIRTH, [shard], [now], (reply) => String(reply))),
  );
  return Object.fromEntries(shards.map((shard, index) => [shard, replies[index] ?? '']));
}

// ARGV[1]: the cut-off; ARGV[2..]: fields seen older than it. Rechecked here, atomically, so a
// stamp renewed since it was scanned is kept.
const PRUNE = `
local removed = 0
for i = 2, #ARGV do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and tonumber(current) < tonumber(ARGV[1]) then
    redis.call('HDEL', KEYS[1], ARGV[i])
    removed = removed + 1
  end
end
return removed
`;

/** Removes stamps older than STAMP_TTL_MS from one shard; returns how many. */
export async function pruneStampShard(shard: number, now = Date.now()): Promise<number> {
  const store = cacheRedis();
  const key = stampShardKey(shard);
  const cutoff = now - STAMP_TTL_MS;
  let cursor = '0';
  let removed = 0;
  do {
    const page = await store.one(store.cmd.hscan(key, cursor, 1_000));
    cursor = page.cursor;
    const old = Object.entries(page.fields)
      .filter(([tag, stamp]) => tag !== BORN_FIELD && Number(stamp) < cutoff)
      .map(([tag]) => tag);
    if (old.length > 0)
      removed += await store.one(store.cmd.script(PRUNE, [key], [cutoff, ...old], Number));
  } while (cursor !== '0');
  return removed;
}
