import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { cacheRedis } from '@/lib/redis';
import { blockedEitherWay, blockingCache, friendsCache } from './cache';
import { FriendshipModel } from './models';

/** A user's friends as people, from the cached graph and cached user objects. */
export async function listFriends(userId: string, limit = 200): Promise<PublicUser[]> {
  const ids = await friendsCache.get(userId);
  return getUsersByIds(ids.slice(0, limit));
}

/** Pending requests to and from a user (read from MongoDB: only the owner's /friends page needs them). */
export async function listRequests(
  userId: string,
): Promise<{ incoming: PublicUser[]; outgoing: PublicUser[] }> {
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
  const incomingIds = rows.filter((row) => !row.requestedBy.equals(id)).map(other);
  const outgoingIds = rows.filter((row) => row.requestedBy.equals(id)).map(other);
  const [incoming, outgoing] = await Promise.all([
    getUsersByIds(incomingIds),
    getUsersByIds(outgoingIds),
  ]);
  return { incoming, outgoing };
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
 * friend, or anyone in a block with the user. Computed from cached friend sets only.
 */
export async function suggestFriendIds(
  userId: string,
  limit = 10,
): Promise<{ id: string; mutual: number }[]> {
  const friends = await friendsCache.get(userId);
  if (friends.length === 0) return [];
  const [blocked, setsOfFriends] = await Promise.all([
    blockedEitherWay(userId),
    friendsCache.getMany(friends.slice(0, SUGGESTION_SOURCES)),
  ]);
  const excluded = new Set([userId, ...friends, ...blocked]);
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

export async function suggestFriends(
  userId: string,
  limit = 10,
): Promise<{ user: PublicUser; mutual: number }[]> {
  const ranked = await suggestFriendIds(userId, limit);
  const users = await getUsersByIds(ranked.map((entry) => entry.id));
  const byId = new Map(users.map((user) => [user.id, user]));
  return ranked.flatMap((entry) => {
    const user = byId.get(entry.id);
    return user ? [{ user, mutual: entry.mutual }] : [];
  });
}

/** Blocked people, for the owner's /friends page. */
export async function listBlocked(userId: string): Promise<PublicUser[]> {
  return getUsersByIds(await blockingCache.get(userId));
}
