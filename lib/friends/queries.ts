import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { cacheRedis } from '@/lib/redis';
import { blockedEitherWay, friendsCache } from './cache';
import { FriendshipModel } from './models';

/** A user's friends as people, from the cached graph and cached user objects. */
export async function listFriends(userId: string, limit = 200): Promise<PublicUser[]> {
  const ids = await friendsCache.get(userId);
  return getUsersByIds(ids.slice(0, limit));
}

/** Pending requests to and from a user, as ids, newest first (read from MongoDB: only the owner's /friends page needs them). */
export async function pendingRequestIds(
  userId: string,
): Promise<{ incoming: string[]; outgoing: string[] }> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const rows = await FriendshipModel.find(
    { users: id, status: 'pending' },
    { users: 1, requestedBy: 1 },
  )
    .sort({ requestedAt: -1 })
    .limit(200)
    .lean();
  const other = (row: (typeof rows)[number]) =>
    (row.users[0].equals(id) ? row.users[1] : row.users[0]).toString();
  return {
    incoming: rows.filter((row) => !row.requestedBy.equals(id)).map(other),
    outgoing: rows.filter((row) => row.requestedBy.equals(id)).map(other),
  };
}

/**
 * Friends two people have in common: A's cached friend set tested against B's with SMISMEMBER,
 * a single-key set operation (Redis Cluster safe), so no MongoDB query.
 */
export async function mutualFriendIds(a: string, b: string): Promise<string[]> {
  if (a === b) return [];
  const [friendsOfA] = await Promise.all([friendsCache.get(a), friendsCache.get(b)]);
  if (friendsOfA.length === 0) return [];
  const store = cacheRedis();
  const inB = await store.one(store.cmd.smismember(friendsCache.key(b), friendsOfA));
  return friendsOfA.filter((_, index) => inB[index]);
}

export async function mutualFriends(
  a: string,
  b: string,
  limit = 12,
): Promise<{ total: number; people: PublicUser[] }> {
  const ids = await mutualFriendIds(a, b);
  return { total: ids.length, people: await getUsersByIds(ids.slice(0, limit)) };
}

const SUGGESTION_SOURCES = 200;

/**
 * Friends of friends, ranked by how many friends they share with the user; never the user, a
 * friend, anyone in a block with the user, or anyone in `exclude` (the /friends page passes the
 * people with a pending request either way). Computed from cached friend sets only.
 */
export async function suggestFriendIds(
  userId: string,
  limit = 10,
  exclude: Iterable<string> = [],
): Promise<{ id: string; mutual: number }[]> {
  const friends = await friendsCache.get(userId);
  if (friends.length === 0) return [];
  const [blocked, setsOfFriends] = await Promise.all([
    blockedEitherWay(userId),
    friendsCache.getMany(friends.slice(0, SUGGESTION_SOURCES)),
  ]);
  const excluded = new Set([userId, ...friends, ...blocked, ...exclude]);
  const counts = new Map<string, number>();
  for (const friendsOfFriend of setsOfFriends.values()) {
    for (const candidate of friendsOfFriend) {
      if (!excluded.has(candidate)) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))
    .slice(0, limit)
    .map(([id, mutual]) => ({ id, mutual }));
}
