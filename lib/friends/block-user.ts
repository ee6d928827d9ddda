import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { announceEvents } from '@/lib/jobs/event-intent';
import { fail, ok, type Result } from '@/lib/validation/result';
import { recordBlockChange } from './cache';
import { deletePairIfExpected } from './end-friendship';
import { userBlocked } from './events';
import { BlockModel, pairKeyOf } from './models';
import { loadPair, type PairState } from './pair';
import type { Relationship } from './relationship';

/** Blocks `otherId`: any friendship or request between them ends, and they no longer see each other. */
export async function blockUser(
  viewerId: string,
  otherId: string,
): Promise<Result<{ relationship: Relationship }>> {
  if (viewerId === otherId) return fail('invalid', 'You cannot block yourself.');
  await connectDb();
  const now = new Date();
  const blocked = (shared: PairState) =>
    userBlocked.create(
      { blocker: viewerId, blocked: otherId, blockedAt: now.toISOString() },
      // The id names the pair and what they shared: block/unblock cycles with nothing shared
      // since the last one collapse into one stream clean-up (event ids are claimed once).
      {
        id: `user-blocked:${viewerId}:${otherId}:${shared.acceptedAt ? `friends-since-${shared.acceptedAt}` : 'apart'}`,
      },
    );
  // Announced with what they share now; confirmed with what the block ended, if that changed.
  const events = await announceEvents(blocked(await loadPair(pairKeyOf(viewerId, otherId))));
  try {
    await BlockModel.create({
      blocker: new Types.ObjectId(viewerId),
      blocked: new Types.ObjectId(otherId),
      createdAt: now,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await events.cancel();
    return ok({ relationship: 'blocked' });
  }
  await recordBlockChange(viewerId, otherId, 'add');
  const ended = await deletePairIfExpected(viewerId, otherId, 'block');
  await events.confirm(blocked(ended ?? { status: 'none' }));
  return ok({ relationship: 'blocked' });
}

export async function unblockUser(
  viewerId: string,
  otherId: string,
): Promise<Result<{ relationship: Relationship }>> {
  await connectDb();
  const removed = await BlockModel.deleteOne({
    blocker: new Types.ObjectId(viewerId),
    blocked: new Types.ObjectId(otherId),
  });
  if (removed.deletedCount === 0) return fail('conflict', 'You have not blocked this person.');
  await recordBlockChange(viewerId, otherId, 'remove');
  return ok({ relationship: 'none' });
}
