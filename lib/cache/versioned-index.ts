import { recordCacheRead } from '@/lib/observability/request-metrics';
import type { CachedObjectKind } from '@/lib/request/context';
import { cacheRedis, type ScoredMember, isRedisUnavailable } from '@/lib/redis';
import { dependOn, type CachedObjectChange } from './change-clock';
import { pipedRead, type PipedRead } from './read-together';
import { rebuildOnce } from './rebuild-once';

/**
 * A cached, newest-first index of ids (recent articles, an author's articles, a tag), as a
 * Redis sorted set scored by time, with the same discipline as VersionedSetCache: a marker
 * (score 0) tells an empty index from a miss, one caller rebuilds a cold key, and changes bump a
 * version so that a rebuild begun before a change cannot store stale data. Only the newest
 * `capacity` entries are kept; older pages are read from MongoDB by the caller.
 */
const MARKER = '_';

const STORE_IF_CURRENT = `
local current = redis.call('GET', KEYS[2]) or '0'
if current ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZADD', KEYS[1], 0, '${MARKER}')
for i = 3, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

// ARGV[6] = '1' delivers even to an index that is not cached: the entry waits there, and the
// next read (seeing no marker) rebuilds the whole index from MongoDB anyway.
const APPLY_CHANGE = `
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[1])
if ARGV[6] == '1' or redis.call('ZSCORE', KEYS[1], '${MARKER}') then
  if ARGV[2] == 'add' then
    redis.call('ZADD', KEYS[1], ARGV[4], ARGV[5])
    redis.call('ZREMRANGEBYRANK', KEYS[1], 1, -(tonumber(ARGV[3]) + 1))
    if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
  else
    redis.call('ZREM', KEYS[1], ARGV[5])
  end
end
return 1
`;

export interface IndexPage {
  ids: string[];
  /** The score (time) of each id. */
  scores: number[];
  /** Score of the last id, to continue from; null when there is no more. */
  nextCursor: number | null;
  /** The cached window ended before the page was full: older entries must come from MongoDB. */
  exhaustedCache: boolean;
}

export class VersionedIndexCache {
  constructor(
    private readonly options: {
      kind: CachedObjectKind;
      name: string;
      ttlSeconds: number;
      capacity: number;
      load: (owner: string, limit: number) => Promise<ScoredMember[]>;
    },
  ) {}

  key(owner: string): string {
    return `{${this.options.name}:${owner}}:index`;
  }

  private versionKey(owner: string): string {
    return `{${this.options.name}:${owner}}:version`;
  }

  /** The keys of `owner`'s index (the index, its version): deleted when the owner is gone for good. */
  keysOf(owner: string): string[] {
    return [this.key(owner), this.versionKey(owner)];
  }

  /** Newest first, strictly older than `before` (a score from an earlier page) when given. */
  async page(owner: string, limit: number, before?: number): Promise<IndexPage> {
    const store = cacheRedis();
    const max = before === undefined ? '+inf' : `(${before}`;
    dependOn(this.key(owner));
    const fetch = () =>
      store.all([
        store.cmd.zscore(this.key(owner), MARKER),
        store.cmd.zrevrangeByScore(this.key(owner), max, '(0', { offset: 0, count: limit + 1 }),
        store.cmd.zcard(this.key(owner)),
      ] as const);
    let marker: number | null;
    let entries: ScoredMember[];
    let size: number;
    try {
      [marker, entries, size] = await fetch();
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
      recordCacheRead(this.options.kind, false);
      return this.pageFrom(
        await this.options.load(owner, this.options.capacity),
        limit,
        before,
        false,
      );
    }
    recordCacheRead(this.options.kind, marker !== null);
    if (marker === null) {
      const loaded = await this.rebuild(owner);
      return this.pageFrom(loaded, limit, before, loaded.length >= this.options.capacity);
    }
    const full = size - 1 >= this.options.capacity;
    return {
      ids: entries.slice(0, limit).map((entry) => entry.member),
      scores: entries.slice(0, limit).map((entry) => entry.score),
      nextCursor: entries.length > limit ? (entries[limit - 1]?.score ?? null) : null,
      exhaustedCache: entries.length <= limit && full,
    };
  }

  /**
   * Whether `member` is in `owner`'s index, for a shared pipeline (lib/cache/read-together.ts):
   * one ZMSCORE, never the whole index; `load` when the index is not cached.
   */
  hasRead(owner: string, member: string, load: () => Promise<boolean>): PipedRead<boolean> {
    const store = cacheRedis();
    dependOn(this.key(owner));
    return pipedRead(
      this.options.kind,
      [store.cmd.zmscore(this.key(owner), [MARKER, member])] as const,
      ([[marker, score]]) => (marker === null || marker === undefined ? undefined : score !== null),
      load,
    );
  }

  private pageFrom(
    entries: ScoredMember[],
    limit: number,
    before: number | undefined,
    full: boolean,
  ): IndexPage {
    const older = entries
      .filter((entry) => before === undefined || entry.score < before)
      .sort((a, b) => b.score - a.score);
    return {
      ids: older.slice(0, limit).map((entry) => entry.member),
      scores: older.slice(0, limit).map((entry) => entry.score),
      nextCursor: older.length > limit ? (older[limit - 1]?.score ?? null) : null,
      exhaustedCache: older.length <= limit && full,
    };
  }

  private rebuild(owner: string): Promise<ScoredMember[]> {
    const store = cacheRedis();
    return rebuildOnce(
      this.key(owner),
      async () => {
        const [marker, entries] = await store.all([
          store.cmd.zscore(this.key(owner), MARKER),
          store.cmd.zrevrangeByScore(this.key(owner), '+inf', '(0', {
            offset: 0,
            count: this.options.capacity,
          }),
        ] as const);
        return marker === null ? null : entries;
      },
      async () => {
        const version = (await store.one(store.cmd.get(this.versionKey(owner)))) ?? '0';
        const entries = await this.options.load(owner, this.options.capacity);
        await store.one(
          store.cmd.script(
            STORE_IF_CURRENT,
            [this.key(owner), this.versionKey(owner)],
            [
              version,
              this.options.ttlSeconds,
              ...entries.flatMap((entry) => [entry.score, entry.member]),
            ],
            Number,
          ),
        );
        return entries;
      },
    );
  }

  /**
   * After MongoDB changed: add (or move) or remove one id where the index is cached; with
   * `evenIfCold`, add it even where it is not (fan-out to streams nobody has read yet). Send it
   * `withStamps`, so that pages built on the index see the change.
   */
  change(
    owner: string,
    change: 'add' | 'remove',
    member: string,
    score = 0,
    evenIfCold = false,
  ): CachedObjectChange {
    const key = this.key(owner);
    const op = cacheRedis().cmd.script(
      APPLY_CHANGE,
      [key, this.versionKey(owner)],
      [
        this.options.ttlSeconds * 2,
        change,
        this.options.capacity,
        score,
        member,
        evenIfCold ? '1' : '0',
      ],
      Number,
    );
    return { op, key };
  }
}
