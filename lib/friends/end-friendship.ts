import { changeWithEvents } from '@/lib/jobs/event-intent';
import { fail, ok, type Result } from '@/lib/validation/result';
import { recordFriendshipChange } from './cache';
import { friendshipRemoved } from './events';
import { FriendshipModel } from './models';
import { refreshFriendCounts, transitionPair, type PairState } from './pair';
import type { Relationship } from './relationship';

type Ending = 'decline' | 'cancel' | 'unfriend';

const EXPECTED: Record<Ending, (state: PairState, viewerId: string) => boolean> = {
  decline: (state, viewerId) => state.status === 'pending' && state.requestedBy !== viewerId,
  cancel: (state, viewerId) => state.status === 'pending' && state.requestedBy === viewerId,
  unfriend: (state) => state.status === 'accepted',
};

const NOTHING_TO_END: Record<Ending, string> = {
  decline: 'There is no friend request from this person any more.',
  cancel: 'There is no friend request to cancel.',
  unfriend: 'You are not friends with this person.',
};

/**
 * Removes the pair's document when it is in the state `ending` expects, under the pair's lock;
 * returns the state it removed, or null.
 */
export async function deletePairIfExpected(
  viewerId: string,
  otherId: string,
  ending: Ending | 'block',
): Promise<PairState | null> {
  return transitionPair(viewerId, otherId, async (current, pairKey) => {
    if (current.status === 'none') return null;
    if (ending !== 'block' && !EXPECTED[ending](current, viewerId)) return null;
    const wereFriends = current.status === 'accepted';
    const removal = wereFriends
      ? friendshipRemoved.create(
          {
            pairKey,
            users: [viewerId, otherId].sort() as [string, string],
            reason: ending === 'block' ? 'blocked' : 'unfriended',
          },
          // One end per friendship: a replay or a retried request starts no second clean-up.
          { id: `friendship-removed:${pairKey}:${current.acceptedAt ?? Date.now()}` },
        )
      : null;
    await changeWithEvents(removal, async () => {
      await FriendshipModel.deleteOne({ pairKey });
      if (!wereFriends) return;
      await recordFriendshipChange(viewerId, otherId, 'remove');
      await refreshFriendCounts(viewerId, otherId);
    });
    return current;
  });
}

/** Declines an incoming request, cancels an outgoing one, or ends a friendship. */
export async function endFriendship(
  viewerId: string,
  otherId: string,
  ending: Ending,
): Promise<Result<{ relationship: Relationship }>> {
  if (!(await deletePairIfExpected(viewerId, otherId, ending)))
    return fail('conflict', NOTHING_TO_END[ending]);
  return ok({ relationship: 'none' });
}
