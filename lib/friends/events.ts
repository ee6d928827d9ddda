import { eventType } from 'inngest';
import { z } from 'zod';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/** Someone asked someone to be friends. */
export const friendshipRequested = eventType('friendship/requested', {
  schema: z.object({ pairKey: z.string(), from: objectId, to: objectId, requestedAt: z.string() }),
});

/** Two people became friends (`accepter` accepted `requester`'s request). */
export const friendshipAccepted = eventType('friendship/accepted', {
  schema: z.object({
    pairKey: z.string(),
    requester: objectId,
    accepter: objectId,
    acceptedAt: z.string(),
  }),
});

/** Two people are no longer friends (unfriended, or one blocked the other). */
export const friendshipRemoved = eventType('friendship/removed', {
  schema: z.object({
    pairKey: z.string(),
    users: z.tuple([objectId, objectId]),
    reason: z.enum(['unfriended', 'blocked']),
  }),
});

/** `blocker` blocked `blocked`. */
export const userBlocked = eventType('user/blocked', {
  schema: z.object({ blocker: objectId, blocked: objectId, blockedAt: z.string() }),
});
