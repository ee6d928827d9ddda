import { deliverToStreams, removeFromStreams } from '@/lib/activity/deliver';
import {
  befriendedActivityIds,
  publishedActivityIds,
  recentPublishedActivities,
} from '@/lib/activity/queries';
import { recordActivity } from '@/lib/activity/write-activities';
import { streamIndex } from '@/lib/activity/cache';
import { withStamps } from '@/lib/cache/change-clock';
import { areNotFriends, isBlocking, isFriendshipAsAnnounced } from '@/lib/friends/event-checks';
import { friendshipAccepted, friendshipRemoved, userBlocked } from '@/lib/friends/events';
import { pairKeyOf } from '@/lib/friends/models';
import { inngest } from '@/lib/jobs/client';
import { cacheRedis } from '@/lib/redis';

const BACKFILL = 20;
const CLEANUP = 500;

/**
 * New friends: "you are now friends" in both streams, and each other's recent articles; only while
 * MongoDB holds that friendship (a stale event must not show anyone an ex-friend's articles).
 */
export const recordFriendship = inngest.createFunction(
  { id: 'stream-friendship-accepted', retries: 4, triggers: [friendshipAccepted] },
  async ({ event, step }) => {
    const { requester, accepter, acceptedAt } = event.data;
    const pairKey = pairKeyOf(requester, accepter);
    const friends = await step.run('check-friendship', () => isFriendshipAsAnnounced(event.data));
    if (!friends) return { skipped: 'no such friendship' };
    const activity = await step.run('record-activity', () =>
      recordActivity({
        key: `befriended:${pairKey}:${new Date(acceptedAt).toISOString()}`,
        verb: 'befriended',
        actorId: accepter,
        targetUserId: requester,
        createdAt: new Date(acceptedAt),
      }),
    );
    await step.run('deliver', () =>
      deliverToStreams([requester, accepter], activity.id, new Date(acceptedAt).getTime()),
    );
    await step.run('backfill', async () => {
      const [ofRequester, ofAccepter] = await Promise.all([
        recentPublishedActivities(requester, BACKFILL),
        recentPublishedActivities(accepter, BACKFILL),
      ]);
      await cacheRedis().all(
        withStamps([
          ...ofRequester.map((entry) =>
            streamIndex.change(accepter, 'add', entry.id, entry.at, true),
          ),
          ...ofAccepter.map((entry) =>
            streamIndex.change(requester, 'add', entry.id, entry.at, true),
          ),
        ]),
      );
    });
    return { activityId: activity.id };
  },
);

/**
 * Unfriended or blocked: each one's articles and their friendship leave the other's stream; only
 * if MongoDB agrees (they are not friends; the block stands).
 */
export const separateStreams = inngest.createFunction(
  { id: 'stream-friendship-ended', retries: 4, triggers: [friendshipRemoved, userBlocked] },
  async ({ event, step }) => {
    const [a, b] =
      'users' in event.data ? event.data.users : [event.data.blocker, event.data.blocked];
    const separated = await step.run('check-separation', () =>
      'users' in event.data ? areNotFriends(a, b) : isBlocking(a, b),
    );
    if (!separated) return { skipped: 'they are not separated as the event says' };
    await step.run('remove-entries', async () => {
      const [ofA, ofB, between] = await Promise.all([
        publishedActivityIds(a, CLEANUP),
        publishedActivityIds(b, CLEANUP),
        befriendedActivityIds(a, b),
      ]);
      await removeFromStreams([b], [...ofA, ...between]);
      await removeFromStreams([a], [...ofB, ...between]);
    });
    return { separated: [a, b] };
  },
);
