import { Types } from 'mongoose';
import { UserModel } from '@/lib/users/user-model';
import { dropCached, forgetCached, readThrough } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { invalidateUser } from '@/lib/users/cache';
import { withLock } from '@/lib/redis/lock';
import { FriendshipModel, pairKeyOf, type FriendshipStatus } from './models';

/** A pair's friendship as pages need it; cached as `pair:<pairKey>` and dropped on every change. */
export interface PairState {
  status: FriendshipStatus | 'none';
  requestedBy?: string;
  /** When the friendship began (ms): tells one friendship of a pair from a later one. */
  acceptedAt?: number;
}

const PAIR_TTL_SECONDS = 24 * 60 * 60;
const pairCacheKey = (pairKey: string) => `pair:${pairKey}`;

export async function loadPair(pairKey: string): Promise<PairState> {
  await connectDb();
  const row = await FriendshipModel.findOne(
    { pairKey },
    { status: 1, requestedBy: 1, acceptedAt: 1 },
  ).lean();
  if (!row) return { status: 'none' };
  const state: PairState = { status: row.status, requestedBy: row.requestedBy.toString() };
  if (row.acceptedAt) state.acceptedAt = row.acceptedAt.getTime();
  return state;
}

export async function getPairState(a: string, b: string): Promise<PairState> {
  const pairKey = pairKeyOf(a, b);
  return (
    (await readThrough<PairState>({
      kind: 'graph',
      key: pairCacheKey(pairKey),
      ttlSeconds: PAIR_TTL_SECONDS,
      load: () => loadPair(pairKey),
    })) ?? { status: 'none' }
  );
}

/**
 * Runs one transition of a pair under the pair's lock (FerretDB v1 does not serialise
 * read-modify-write), reading the stored state fresh from MongoDB; the cached pair state is
 * dropped afterwards.
 */
export async function transitionPair<T>(
  a: string,
  b: string,
  transition: (current: PairState, pairKey: string) => Promise<T>,
): Promise<T> {
  const pairKey = pairKeyOf(a, b);
  return withLock(`pair:${pairKey}`, async () => {
    try {
      return await transition(await loadPair(pairKey), pairKey);
    } finally {
      await dropCached(pairCacheKey(pairKey));
    }
  });
}

/** After a pair's document is gone for good (an account deleted): its cached state goes too. */
export async function forgetPairState(pairKey: string): Promise<void> {
  await forgetCached(pairCacheKey(pairKey));
}

export function newPendingRequest(pairKey: string, from: string, to: string, now: Date) {
  const users = [from, to].sort().map((id) => new Types.ObjectId(id)) as [
    Types.ObjectId,
    Types.ObjectId,
  ];
  return FriendshipModel.create({
    pairKey,
    users,
    status: 'pending',
    requestedBy: new Types.ObjectId(from),
    requestedAt: now,
  });
}

/** Friend counts are recounted from MongoDB (never incremented: see docs/architecture.md). */
export async function refreshFriendCounts(...userIds: string[]): Promise<void> {
  await Promise.all(
    userIds.map(async (userId) => {
      const id = new Types.ObjectId(userId);
      const friendCount = await FriendshipModel.countDocuments({ users: id, status: 'accepted' });
      const user = await UserModel.findOneAndUpdate(
        { _id: id },
        { $set: { friendCount } },
        { returnDocument: 'after' },
      ).lean();
      if (user) await invalidateUser(userId, user.usernameKey);
    }),
  );
}
