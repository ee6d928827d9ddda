import { changeWithEvents } from '@/lib/jobs/event-intent';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, type Result } from '@/lib/validation/result';
import { acceptPendingRequest } from './accept-friend-request';
import { blockedEitherWay } from './cache';
import { friendshipRequested } from './events';
import { newPendingRequest, transitionPair } from './pair';
import type { Relationship } from './relationship';

/**
 * Asks `toId` to be friends. Idempotent, and safe when both ask each other at the same moment:
 * the pair's lock and unique key leave one pending request, and a request to someone who already
 * asked you accepts theirs.
 */
export async function sendFriendRequest(
  fromId: string,
  toId: string,
): Promise<Result<{ relationship: Relationship }>> {
  if (fromId === toId) return fail('invalid', 'You cannot send yourself a friend request.');
  if ((await blockedEitherWay(fromId)).has(toId)) {
    return fail('forbidden', 'You cannot send a friend request to this person.');
  }
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.friendRequestPerAccount, fromId]],
    'friend requests',
  );
  if (limited) return limited;
  const now = new Date();
  const outcome = await transitionPair(fromId, toId, async (current, pairKey) => {
    if (current.status === 'accepted') return 'friends' as const;
    if (current.status === 'pending' && current.requestedBy === fromId)
      return 'request-sent' as const;
    if (current.status === 'pending') {
      await acceptPendingRequest(pairKey, toId, fromId, now);
      return 'accepted-theirs' as const;
    }
    const requested = friendshipRequested.create(
      { pairKey, from: fromId, to: toId, requestedAt: now.toISOString() },
      // One per asker and pair (event ids are claimed for a day): request and cancel cycles
      // notify the person asked once.
      { id: `friendship-requested:${pairKey}:${fromId}` },
    );
    await changeWithEvents(requested, () => newPendingRequest(pairKey, fromId, toId, now));
    return 'requested' as const;
  });
  if (outcome === 'requested') return ok({ relationship: 'request-sent' });
  return ok({ relationship: outcome === 'request-sent' ? 'request-sent' : 'friends' });
}
