import { Types } from 'mongoose';
import { forgetCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import {
  blockedByCache,
  blockingCache,
  friendsCache,
  recordBlockChange,
  recordFriendshipChange,
} from './cache';
import { BlockModel, FriendshipModel, pairKeyOf } from './models';
import { forgetPairState, refreshFriendCounts, transitionPair } from './pair';

/*
 * Removing a deleted account from the friend graph, for jobs/delete-account.ts: collected (a
 * memoised step result), then removed by those ids, so a replay finishes what a crash left.
 */

/** The person's friends as MongoDB holds them (whose streams hold their entries). */
export async function friendIdsOf(userId: string): Promise<string[]> {
  await connectDb();
  const rows = await FriendshipModel.find(
    { users: new Types.ObjectId(userId), status: 'accepted' },
    { users: 1 },
  ).lean();
  return rows.map((row) => (row.users[0].equals(userId) ? row.users[1] : row.users[0]).toString());
}

/** The other person of each friendship or friend request of `userId`. */
export async function collectPairs(userId: string, limit: number): Promise<string[]> {
  await connectDb();
  const rows = await FriendshipModel.find({ users: new Types.ObjectId(userId) }, { users: 1 })
    .limit(limit)
    .lean();
  return rows.map((row) => (row.users[0].equals(userId) ? row.users[1] : row.users[0]).toString());
}

/**
 * Ends each pair under its lock, as any transition does: both cached friend sets lose the other,
 * and the other person's friend count is recounted.
 */
export async function purgePairs(userId: string, others: string[]): Promise<void> {
  for (const other of others) {
    const pairKey = await transitionPair(userId, other, async (current, key) => {
      if (current.status === 'none') return key;
      await FriendshipModel.deleteOne({ pairKey: key });
      if (current.status === 'accepted') await recordFriendshipChange(userId, other, 'remove');
      return key;
    });
    await forgetPairState(pairKey);
  }
  if (others.length > 0) await refreshFriendCounts(...others);
}

export interface BlockToPurge {
  blocker: string;
  blocked: string;
}

/** Blocks either way between the person and anyone. */
export async function collectBlocks(userId: string, limit: number): Promise<BlockToPurge[]> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const rows = await BlockModel.find({ $or: [{ blocker: id }, { blocked: id }] })
    .limit(limit)
    .lean();
  return rows.map((row) => ({ blocker: row.blocker.toString(), blocked: row.blocked.toString() }));
}

export async function purgeBlocks(blocks: BlockToPurge[]): Promise<void> {
  await connectDb();
  for (const { blocker, blocked } of blocks) {
    await BlockModel.deleteOne({
      blocker: new Types.ObjectId(blocker),
      blocked: new Types.ObjectId(blocked),
    });
    await recordBlockChange(blocker, blocked, 'remove');
    // Blocking read the pair too (to end a friendship): its cached state goes as well.
    await forgetPairState(pairKeyOf(blocker, blocked));
  }
}

/** The person's own cached sets, once the graph holds nothing of them. */
export async function forgetGraphOf(userId: string): Promise<void> {
  await forgetCached(
    ...friendsCache.keysOf(userId),
    ...blockingCache.keysOf(userId),
    ...blockedByCache.keysOf(userId),
  );
}

/** How many friend-graph documents still name the person (0 once purged). */
export async function countGraphTraces(userId: string): Promise<number> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const [pairs, blocks] = await Promise.all([
    FriendshipModel.countDocuments({ users: id }),
    BlockModel.countDocuments({ $or: [{ blocker: id }, { blocked: id }] }),
  ]);
  return pairs + blocks;
}
