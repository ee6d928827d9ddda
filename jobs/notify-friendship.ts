import { friendshipAccepted, friendshipRequested } from '@/lib/friends/events';
import { inngest } from '@/lib/jobs/client';
import { createNotification } from '@/lib/notifications/create-notification';

/** An incoming friend request notifies its recipient. */
export const notifyFriendRequest = inngest.createFunction(
  { id: 'notify-friend-request', retries: 5, triggers: [friendshipRequested] },
  async ({ event, step }) => {
    await step.run('write-notification', () =>
      createNotification({
        userId: event.data.to,
        kind: 'friend-request',
        actorId: event.data.from,
        key: `friend-request:${event.data.pairKey}:${event.data.requestedAt}`,
        createdAt: new Date(event.data.requestedAt),
      }),
    );
  },
);

/** An accepted request notifies the person who asked. */
export const notifyFriendAccepted = inngest.createFunction(
  { id: 'notify-friend-accepted', retries: 5, triggers: [friendshipAccepted] },
  async ({ event, step }) => {
    await step.run('write-notification', () =>
      createNotification({
        userId: event.data.requester,
        kind: 'friend-accepted',
        actorId: event.data.accepter,
        key: `friend-accepted:${event.data.pairKey}:${event.data.acceptedAt}`,
        createdAt: new Date(event.data.acceptedAt),
      }),
    );
  },
);
