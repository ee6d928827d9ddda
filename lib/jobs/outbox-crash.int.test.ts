import { Types } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { ActivityModel } from '@/lib/activity/model';
import { readStream } from '@/lib/activity/read-stream';
import { deleteArticle } from '@/lib/articles/delete-article';
import { articleLiked } from '@/lib/articles/events';
import { setLike } from '@/lib/articles/likes';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { addComment } from '@/lib/articles/write-comment';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { NotificationModel } from '@/lib/notifications/model';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { localExecutor } from '@/jobs/runtime';
import { announceEvents, INTENT_GRACE_MS } from './event-intent';
import { RELAY_GRACE_MS } from './outbox';
import { OutboxEventModel } from './outbox-model';
import { relayOutbox } from './outbox-relay';

/*
 * Every emitter here "dies" right after its change: its announced events are never confirmed
 * (the request itself carries on, so the test can go on). Only the outbox's intents remain.
 */
vi.mock('@/lib/jobs/event-intent', async (original) => {
  const real = await original<typeof import('@/lib/jobs/event-intent')>();
  const dying = async (...args: Parameters<typeof real.announceEvents>) => {
    await real.announceEvents(...args);
    return { confirm: async () => undefined, cancel: async () => undefined };
  };
  return {
    ...real,
    announceEvents: dying,
    changeWithEvents: async <T>(events: Parameters<typeof dying>[0], change: () => Promise<T>) => {
      await dying(events);
      return change();
    },
  };
});

setUpTestStores();

async function relayAfter(ms: number) {
  const report = await relayOutbox(new Date(Date.now() + ms));
  await localExecutor().idle();
  return report;
}

const streamSummary = async (userId: string) =>
  (await readStream(userId, 50)).items.map((item) =>
    item.kind === 'befriended' ? 'befriended' : `${item.kind}:${item.article.title}`,
  );

const notificationKinds = async (userId: string) =>
  (await listNotifications(userId)).map((notification) => notification.kind).sort();

describe('the outbox when an emitter dies between its change and its events', () => {
  it('delivers every event of a change that was stored, exactly once, after the grace', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    expect((await sendFriendRequest(ada.id, bob.id)).ok).toBe(true);
    expect((await acceptFriendRequest(bob.id, ada.id)).ok).toBe(true);
    const draft = await createArticle(ada.viewer, { title: 'Before the crash', body: 'Hi.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    expect((await saveArticle(ada.viewer, draft.value.id, {}, 'publish')).ok).toBe(true);
    expect((await addComment(bob.viewer, draft.value.id, { body: 'Nice' })).ok).toBe(true);
    expect((await setLike(bob.viewer, draft.value.id, true)).ok).toBe(true);
    await localExecutor().idle();

    // Nothing was sent; every event waits as an unconfirmed intent.
    expect(await streamSummary(bob.id)).toEqual([]);
    expect(await listNotifications(ada.id)).toEqual([]);
    const intents = await OutboxEventModel.find({ status: 'intent' }).lean();
    expect(intents.map((event) => event.name).sort()).toEqual([
      'article/commented',
      'article/liked',
      'article/published',
      'friendship/accepted',
      'friendship/requested',
      // The two sign-ups (makeUser): the search index learns of each new person.
      'user/profile-changed',
      'user/profile-changed',
    ]);

    // Not before the grace (the change might still be on its way).
    expect(await relayAfter(RELAY_GRACE_MS + 1_000)).toMatchObject({ delivered: 0 });
    expect(await relayAfter(INTENT_GRACE_MS + 1_000)).toMatchObject({ delivered: 7 });
    const everythingOnce = async () => {
      expect(await streamSummary(bob.id)).toEqual(['published:Before the crash', 'befriended']);
      expect(await notificationKinds(ada.id)).toEqual(['comment', 'friend-accepted', 'like']);
      expect(await notificationKinds(bob.id)).toEqual(['friend-request']);
    };
    await everythingOnce();
    expect(await OutboxEventModel.countDocuments({})).toBe(0);
    expect(await relayAfter(INTENT_GRACE_MS + 60_000)).toMatchObject({ delivered: 0 });
    await everythingOnce();

    // A deletion that died before its events: its article still leaves every stream.
    const activitiesOfArticle = () =>
      ActivityModel.countDocuments({ articleId: new Types.ObjectId(draft.value.id) });
    expect(await activitiesOfArticle()).toBe(3);
    expect((await deleteArticle(ada.viewer, draft.value.id)).ok).toBe(true);
    await localExecutor().idle();
    expect(await activitiesOfArticle()).toBe(3);
    expect(await relayAfter(INTENT_GRACE_MS + 1_000)).toMatchObject({ delivered: 1 });
    expect(await activitiesOfArticle()).toBe(0);
    expect(await streamSummary(bob.id)).toEqual(['befriended']);
  });

  it('lets the jobs ignore an event whose change never happened (it died before it)', async () => {
    const [cat, dan] = await Promise.all([makeUser('cat'), makeUser('dan')]);
    const draft = await createArticle(cat.viewer, { title: 'Never liked', body: 'Hi.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    expect((await saveArticle(cat.viewer, draft.value.id, {}, 'publish')).ok).toBe(true);
    await relayAfter(INTENT_GRACE_MS + 1_000);
    // The like announced, then the process died before storing it.
    await announceEvents(
      articleLiked.create(
        {
          articleId: draft.value.id,
          authorId: cat.id,
          likerId: dan.id,
          likedAt: new Date().toISOString(),
        },
        { id: `article-liked:${draft.value.id}:${dan.id}` },
      ),
    );
    expect(await relayAfter(INTENT_GRACE_MS + 1_000)).toMatchObject({ delivered: 1 });
    expect(await NotificationModel.countDocuments({ kind: 'like', actorId: dan.id })).toBe(0);
    expect(await streamSummary(cat.id)).toEqual([]);
  });
});
