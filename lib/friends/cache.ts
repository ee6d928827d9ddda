import { Types } from 'mongoose';
import { withStamps } from '@/lib/cache/change-clock';
import { VersionedSetCache } from '@/lib/cache/versioned-set';
import { connectDb } from '@/lib/db/connection';
import { cacheRedis } from '@/lib/redis';
import { BlockModel, FriendshipModel } from './models';

const GRAPH_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Each user's friend ids: the cached friend graph. */
export const friendsCache = new VersionedSetCache({
  kind: 'graph',
  name: 'friends',
  ttlSeconds: GRAPH_TTL_SECONDS,
  load: async (userId) => {
    await connectDb();
    const rows = await FriendshipModel.find(
      { users: new Types.ObjectId(userId), status: 'accepted' },
      { users: 1 },
    ).lean();
    return rows.map((row) =>
      (row.users[0].toString() === userId ? row.users[1] : row.users[0]).toString(),
    );
  },
});

/** The people a user blocked. */
export const blockingCache = new VersionedSetCache({
  kind: 'graph',
  name: 'blocking',
  ttlSeconds: GRAPH_TTL_SECONDS,
  load: async (userId) => {
    await connectDb();
    const rows = await BlockModel.find(
      { blocker: new Types.ObjectId(userId) },
      { blocked: 1 },
    ).lean();
    return rows.map((row) => row.blocked.toString());
  },
});

/** The people who blocked a user. */
export const blockedByCache = new VersionedSetCache({
  kind: 'graph',
  name: 'blocked-by',
  ttlSeconds: GRAPH_TTL_SECONDS,
  load: async (userId) => {
    await connectDb();
    const rows = await BlockModel.find(
      { blocked: new Types.ObjectId(userId) },
      { blocker: 1 },
    ).lean();
    return rows.map((row) => row.blocker.toString());
  },
});

/** Everyone in a block with `userId`, in either direction: they never see each other. */
export async function blockedEitherWay(userId: string): Promise<Set<string>> {
  const [blocking, blockedBy] = await Promise.all([
    blockingCache.get(userId),
    blockedByCache.get(userId),
  ]);
  return new Set([...blocking, ...blockedBy]);
}

/** After a friendship began or ended: both people's cached sets change in one round trip. */
export async function recordFriendshipChange(
  a: string,
  b: string,
  change: 'add' | 'remove',
): Promise<void> {
  await cacheRedis().all(
    withStamps([friendsCache.change(a, change, [b]), friendsCache.change(b, change, [a])]),
  );
}

export async function recordBlockChange(
  blocker: string,
  blocked: string,
  change: 'add' | 'remove',
): Promise<void> {
  await cacheRedis().all(
    withStamps([
      blockingCache.change(blocker, change, [blocked]),
      blockedByCache.change(blocked, change, [blocker]),
    ]),
  );
}
