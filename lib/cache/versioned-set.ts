import { recordCacheRead } from '@/lib/observability/request-metrics';
import type { CachedObjectKind } from '@/lib/request/context';
import { cacheRedis, type Op, isRedisUnavailable } from '@/lib/redis';
import { dependOn, type CachedObjectChange } from './change-clock';
import { pipedRead, type PipedRead } from './read-together';
import { rebuildOnce } from './rebuild-once';

/**
 * A cached set of ids per owner (a user's friends, a user's blocks), read cache-aside from Redis
 * and rebuilt from MongoDB on a miss:
 * - the set always holds a marker member, so an empty set is still a cached answer;
 * - a stampede guard lets one caller rebuild a cold key while the others wait for it;
 * - every change bumps a version next to the set and edits the set in place if cached; a rebuild
 *   stores its result only if the version it started from is still current, so a rebuild that
 *   read MongoDB before a change can never overwrite the change.
 * The set and its version share a hash tag: the scripts touch one Redis Cluster slot.
 */
const MARKER = '_';

const STORE_IF_CURRENT = `
local current = redis.call('GET', KEYS[2]) or '0'
if current ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SADD', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

// ARGV: ttl, change, members.
const APPLY_CHANGE = `
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[1])
if redis.call('SISMEMBER', KEYS[1], '${MARKER}') == 1 then
  if #ARGV > 2 and ARGV[2] == 'add' then redis.call('SADD', KEYS[1], unpack(ARGV, 3)) end
  if #ARGV > 2 and ARGV[2] == 'remove' then redis.call('SREM', KEYS[1], unpack(ARGV, 3)) end
  if ARGV[2] == 'drop' then redis.call('DEL', KEYS[1]) end
end
return 1
`;

export class VersionedSetCache {
  constructor(
    private readonly options: {
      kind: CachedObjectKind;
      /** Names the set of `ownerId`; the set and its version share `{…}`. */
      name: string;
      ttlSeconds: number;
      load: (ownerId: string) => Promise<string[]>;
    },
  ) {}

  key(ownerId: string): string {
    return `{${this.options.name}:${ownerId}}:set`;
  }

  private versionKey(ownerId: string): string {
    return `{${this.options.name}:${ownerId}}:version`;
  }

  /** The keys of `ownerId`'s set (the set, its version): deleted when the owner is gone for good. */
  keysOf(ownerId: string): string[] {
    return [this.key(ownerId), this.versionKey(ownerId)];
  }

  /** Reading the raw set in a batch: `members()` turns the reply into ids, or null on a miss. */
  membersOp(ownerId: string): Op<string[]> {
    return cacheRedis().cmd.smembers(this.key(ownerId));
  }

  static members(reply: string[]): string[] | null {
    return reply.includes(MARKER) ? reply.filter((member) => member !== MARKER) : null;
  }

  async get(ownerId: string): Promise<string[]> {
    const store = cacheRedis();
    dependOn(this.key(ownerId));
    let cached: string[] | null;
    try {
      cached = VersionedSetCache.members(await store.one(this.membersOp(ownerId)));
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
      recordCacheRead(this.options.kind, false);
      return this.options.load(ownerId);
    }
    recordCacheRead(this.options.kind, cached !== null);
    return cached ?? this.rebuild(ownerId);
  }

  /** Whether `member` is in the set, for a shared pipeline; `load` when the set is not cached. */
  hasRead(
    ownerId: string,
    member: string,
    load: () => Promise<boolean | null>,
  ): PipedRead<boolean | null> {
    dependOn(this.key(ownerId));
    return pipedRead(
      this.options.kind,
      [cacheRedis().cmd.smismember(this.key(ownerId), [MARKER, member])] as const,
      ([[cached, has]]) => (cached ? has === true : undefined),
      load,
    );
  }

  /** The whole set, for a shared pipeline; rebuilt the ordinary way when not cached. */
  membersRead(ownerId: string): PipedRead<string[]> {
    dependOn(this.key(ownerId));
    return pipedRead(
      this.options.kind,
      [this.membersOp(ownerId)] as const,
      ([members]) => VersionedSetCache.members(members) ?? undefined,
      () => this.get(ownerId),
    );
  }

  /** Many owners' sets in one round trip; misses are rebuilt one by one. */
  async getMany(ownerIds: readonly string[]): Promise<Map<string, string[]>> {
    const store = cacheRedis();
    dependOn(...ownerIds.map((id) => this.key(id)));
    const replies =
      ownerIds.length > 0 ? await store.all(ownerIds.map((id) => this.membersOp(id))) : [];
    const result = new Map<string, string[]>();
    for (const [index, ownerId] of ownerIds.entries()) {
      const cached = VersionedSetCache.members(replies[index] ?? []);
      recordCacheRead(this.options.kind, cached !== null);
      result.set(ownerId, cached ?? (await this.rebuild(ownerId)));
    }
    return result;
  }

  /**
   * Stores a set whose members the caller already knows from the source of truth (a bulk import
   * that wrote them), as a rebuild would; a change since then wins, as it does over a rebuild.
   */
  async prime(ownerId: string, members: readonly string[]): Promise<void> {
    const store = cacheRedis();
    const version = (await store.one(store.cmd.get(this.versionKey(ownerId)))) ?? '0';
    await this.storeIfCurrent(ownerId, version, members);
  }

  private async storeIfCurrent(
    ownerId: string,
    version: string,
    members: readonly string[],
  ): Promise<void> {
    const store = cacheRedis();
    await store.one(
      store.cmd.script(
        STORE_IF_CURRENT,
        [this.key(ownerId), this.versionKey(ownerId)],
        [version, this.options.ttlSeconds, MARKER, ...members],
        Number,
      ),
    );
  }

  private rebuild(ownerId: string): Promise<string[]> {
    const store = cacheRedis();
    return rebuildOnce(
      this.key(ownerId),
      async () => VersionedSetCache.members(await store.one(this.membersOp(ownerId))),
      async () => {
        const version = (await store.one(store.cmd.get(this.versionKey(ownerId)))) ?? '0';
        const members = await this.options.load(ownerId);
        await this.storeIfCurrent(ownerId, version, members);
        return members;
      },
    );
  }

  /**
   * After MongoDB changed: add or remove members where the set is cached, and bump the version.
   * Send it `withStamps`, so that pages built on the set see the change.
   */
  change(
    ownerId: string,
    change: 'add' | 'remove' | 'drop',
    members: readonly string[] = [],
  ): CachedObjectChange {
    const key = this.key(ownerId);
    const op = cacheRedis().cmd.script(
      APPLY_CHANGE,
      [key, this.versionKey(ownerId)],
      [this.options.ttlSeconds * 2, change, ...members],
      Number,
    );
    return { op, key };
  }
}
