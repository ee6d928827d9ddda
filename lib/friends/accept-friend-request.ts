import { FriendshipModel } from './models';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { fail, ok, type Result } from '@/lib/validation/result';
import { recordFriendshipChange } from './cache';
import { friendshipAccepted } from './events';
import { refreshFriendCounts, transitionPair } from './pair';
import type { Relationship } from './relationship';

/** Turns the pending request of `requesterId` into a friendship; callers hold the pair's lock. */
export async function acceptPendingRequest(
  pairKey: string,
  requesterId: string,
  accepterId: string,
  now: Date,
): Promise<void> {
  const accepted = friendshipAccepted.create(
    { pairKey, requester: requesterId, accepter: accepterId, acceptedAt: now.toISOString() },
    { id: `friendship-accepted:${pairKey}:${now.getTime()}` },
  );
  await changeWithEvents(accepted, async () => {
    await FriendshipModel.updateOne(
      { pairKey, status: 'pending' },
      { $set: { status: 'accepted', acceptedAt: now } },
    );
    await recordFriendshipChange(requesterId, accepterId, 'add');
    await refreshFriendCounts(requesterId, accepterId);
  });
}

/** Accepts `otherId`'s request. Accepting twice is harmless. */
export async function acceptFriendRequest(
  viewerId: string,
  otherId: string,
): Promise<Result<{ relationship: Relationship }>> {
  return transitionPair(viewerId, otherId, async (current, pairKey) => {
    if (current.status === 'accepted') return ok({ relationship: 'friends' as const });
    if (current.status !== 'pending' || current.requestedBy !== otherId) {
      return fail('not-found', 'There is no friend request from this person any more.');
    }
    await acceptPendingRequest(pairKey, otherId, viewerId, new Date());
    return ok({ relationship: 'friends' as const });
  });
}
