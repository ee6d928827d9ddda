import { isFriendshipAsAnnounced, isRequestAsAnnounced } from '@/lib/friends/event-checks';
import { friendshipAccepted, friendshipRequested } from '@/lib/friends/events';
import { pairKeyOf } from '@/lib/friends/models';
import { inngest } from '@/lib/jobs/client';
import { createNotification } from '@/lib/notifications/create-notification';

/** An incoming friend request notifies its recipient, if MongoDB holds that request. */
export const notifyFriendRequest = inngest.createFunction(
  { id: 'notify-friend-request', retries: 5, triggers: [friendshipRequested] },
  async ({ event, step }) => {
    const exists = await step.run('check-request', () => isRequestAsAnnounced(event.data));
    if (!exists) return { skipped: 'no such friend request' };
    await step.run('write-notification', () =>
      createNotification({
        userId: event.data.to,
        kind: 'friend-request',
        actorId: event.data.from,
        // From what was checked, not the event's own text: a replay cannot make a second one.
        key: `friend-request:${pairKeyOf(event.data.from, event.data.to)}:${new Date(event.data.requestedAt).toISOString()}`,
        createdAt: new Date(event.data.requestedAt),
      }),
    );
    return { notified: event.data.to };
  },
);

/** An accepted request notifies the person who asked, if MongoDB holds that friendship. */
export const notifyFriendAccepted = inngest.createFunction(
  { id: 'notify-friend-accepted', retries: 5, triggers: [friendshipAccepted] },
  async ({ event, step }) => {
    const exists = await step.run('check-friendship', () => isFriendshipAsAnnounced(event.data));
    if (!exists) return { skipped: 'no such friendship' };
    await step.run('write-notification', () =>
      createNotification({
        userId: event.data.requester,
        kind: 'friend-accepted',
        actorId: event.data.accepter,
        key: `friend-accepted:${pairKeyOf(event.data.requester, event.data.accepter)}:${new Date(event.data.acceptedAt).toISOString()}`,
        createdAt: new Date(event.data.acceptedAt),
      }),
    );
    return { notified: event.data.requester };
  },
);
