import 'server-only';
import { z } from 'zod';
import { getUserByUsername } from '@/lib/users/cache';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, parseInput, type Result } from '@/lib/validation/result';
import { acceptFriendRequest } from './accept-friend-request';
import { blockUser, unblockUser } from './block-user';
import { endFriendship } from './end-friendship';
import type { Relationship } from './relationship';
import { sendFriendRequest } from './send-friend-request';

export const relationshipChangeSchema = z.object({
  username: z.string({ error: 'Say whose friendship this is.' }).trim().min(1).max(30),
  action: z.enum(['request', 'cancel', 'accept', 'decline', 'unfriend', 'block', 'unblock'], {
    error: 'Unknown action.',
  }),
});

/** The one entry point of /api/relationships: who, and what to do. */
export async function changeRelationship(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ relationship: Relationship }>> {
  const parsed = parseInput(relationshipChangeSchema, input);
  if (!parsed.ok) return parsed;
  const other = await getUserByUsername(parsed.value.username);
  if (!other) return fail('not-found', 'There is no such person on Inkwell.');
  const me = viewer.user.id;
  const { action } = parsed.value;
  // Friend requests have their own limit (in sendFriendRequest); every other change counts here.
  if (action !== 'request') {
    const blocking = action === 'block' || action === 'unblock';
    const limited = await enforceRateLimits(
      [[blocking ? RATE_LIMITS.blocksPerAccount : RATE_LIMITS.friendChangesPerAccount, me]],
      blocking ? 'blocks and unblocks' : 'friendship changes',
    );
    if (limited) return limited;
  }
  switch (action) {
    case 'request':
      return sendFriendRequest(me, other.id);
    case 'accept':
      return acceptFriendRequest(me, other.id);
    case 'cancel':
    case 'decline':
    case 'unfriend':
      return endFriendship(me, other.id, action);
    case 'block':
      return blockUser(me, other.id);
    case 'unblock':
      return unblockUser(me, other.id);
  }
}
