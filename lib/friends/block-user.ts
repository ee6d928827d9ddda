import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { emitEvents } from '@/lib/jobs/send-event';
import { fail, ok, type Result } from '@/lib/validation/result';
import { recordBlockChange } from './cache';
import { deletePairIfExpected } from './end-friendship';
import { userBlocked } from './events';
import { BlockModel } from './models';
import type { Relationship } from './relationship';

/** Blocks `otherId`: any friendship or request between them ends, and they no longer see each other. */
export async function blockUser(
  viewerId: string,
  otherId: string,
): Promise<Result<{ relationship: Relationship }>> {
  if (viewerId === otherId) return fail('invalid', 'You cannot block yourself.');
  await connectDb();
  const now = new Date();
  try {
    await BlockModel.create({
      blocker: new Types.ObjectId(viewerId),
      blocked: new Types.ObjectId(otherId),
      createdAt: now,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return ok({ relationship: 'blocked' });
  }
  await recordBlockChange(viewerId, otherId, 'add');
  const ended = await deletePairIfExpected(viewerId, otherId, 'block');
  // The event id names the pair and what they shared: block/unblock cycles with nothing shared
  // since the last one collapse into one stream clean-up (event ids are claimed once).
  const shared = ended?.acceptedAt ? `friends-since-${ended.acceptedAt}` : 'apart';
  await emitEvents(
    userBlocked.create(
      { blocker: viewerId, blocked: otherId, blockedAt: now.toISOString() },
      { id: `user-blocked:${viewerId}:${otherId}:${shared}` },
    ),
  );
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
