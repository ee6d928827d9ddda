import { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { signUp } from '@/lib/accounts/sign-up';
import { setLike } from '@/lib/articles/likes';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { addComment } from '@/lib/articles/write-comment';
import { ActivityModel } from '@/lib/activity/model';
import { ArticleModel } from '@/lib/articles/models';
import { readStream } from '@/lib/activity/read-stream';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { friendshipRequested } from '@/lib/friends/events';
import { pairKeyOf } from '@/lib/friends/models';
import { newPendingRequest } from '@/lib/friends/pair';
import { readMailbox } from '@/lib/mail/mailbox';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { NotificationModel } from '@/lib/notifications/model';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { setLocalDispatch } from './client';
import { RELAY_GRACE_MS } from './outbox';
import { announceEvents, changeWithEvents, INTENT_GRACE_MS } from './event-intent';
import { OutboxEventModel, type OutboxEvent } from './outbox-model';
import { relayOutbox } from './outbox-relay';
import { localExecutor } from '@/jobs/runtime';

setUpTestStores();

/** The job runner is down: every send (Inngest's or the in-process executor's) is refused. */
function takeJobRunnerDown() {
  setLocalDispatch(() => Promise.reject(new Error('job runner unavailable')));
}

afterEach(() => setLocalDispatch(undefined));

/** A relay pass after the emitters' grace period, then every run it started. */
async function relayDueEvents(after = RELAY_GRACE_MS + 1_000) {
  const report = await relayOutbox(new Date(Date.now() + after));
  await localExecutor().idle();
  return report;
}

const streamSummary = async (userId: string) =>
  (await readStream(userId, 50)).items.map((item) =>
    item.kind === 'befriended'
      ? `befriended:${item.other.username}`
      : item.kind === 'liked'
        ? `liked:${item.totalLikers}:${item.article.title}`
        : `${item.kind}:${item.article.title}`,
  );

const notificationKinds = async (userId: string) =>
  (await listNotifications(userId)).map((notification) => notification.kind).sort();

describe('the outbox', () => {
  it('delivers what happened while the job runner was down, exactly once, after it returns', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    takeJobRunnerDown();

    // Everything still works for the people doing it.
    expect((await sendFriendRequest(ada.id, bob.id)).ok).toBe(true);
    expect((await acceptFriendRequest(bob.id, ada.id)).ok).toBe(true);
    const draft = await createArticle(ada.viewer, { title: 'Written offline', body: 'Hello.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const published = await saveArticle(ada.viewer, draft.value.id, {}, 'publish');
    expect(published.ok).toBe(true);
    expect((await addComment(bob.viewer, draft.value.id, { body: 'Welcome back' })).ok).toBe(true);
    expect((await setLike(bob.viewer, draft.value.id, true)).ok).toBe(true);
    await localExecutor().idle();

    // Nothing reached streams or notifications; every event waits in the outbox.
    expect(await streamSummary(bob.id)).toEqual([]);
    expect(await streamSummary(ada.id)).toEqual([]);
    expect(await listNotifications(ada.id)).toEqual([]);
    expect(await listNotifications(bob.id)).toEqual([]);
    const waiting = await OutboxEventModel.find({ status: 'pending' }).lean();
    expect(waiting.map((event) => event.name).sort()).toEqual([
      'article/commented',
      'article/liked',
      'article/published',
      'friendship/accepted',
      'friendship/requested',
    ]);
    // Recorded under the ids their emitters give them.
    const version = (await ArticleModel.findById(draft.value.id, { version: 1 }).lean())?.version;
    expect(waiting.find((event) => event.name === 'article/published')?._id).toBe(
      `article-published:${draft.value.id}:${version}`,
    );

    // While it is still down, the relay backs off and keeps every event.
    const refused = await relayDueEvents();
    expect(refused).toMatchObject({ delivered: 0, retried: 5 });
    expect(await OutboxEventModel.countDocuments({ status: 'pending', attempts: 1 })).toBe(5);

    setLocalDispatch(undefined);
    const people = [new Types.ObjectId(ada.id), new Types.ObjectId(bob.id)];
    const expectEverythingOnce = async () => {
      expect(await streamSummary(bob.id)).toEqual([
        'published:Written offline',
        `befriended:${ada.username}`,
      ]);
      expect(await streamSummary(ada.id)).toEqual([
        'liked:1:Written offline',
        'commented:Written offline',
        `befriended:${bob.username}`,
      ]);
      expect(await notificationKinds(ada.id)).toEqual(['comment', 'friend-accepted', 'like']);
      expect(await notificationKinds(bob.id)).toEqual(['friend-request']);
      expect(await ActivityModel.countDocuments({ actorId: { $in: people } })).toBe(4);
      expect(await NotificationModel.countDocuments({ userId: { $in: people } })).toBe(4);
    };
    // The next attempt is backed off: a pass now sends nothing; one after the backoff sends all.
    expect(await relayOutbox()).toMatchObject({ delivered: 0 });
    expect(await relayDueEvents(60_000)).toMatchObject({ delivered: 5 });
    await expectEverythingOnce();
    // Accepted events leave the outbox.
    expect(await OutboxEventModel.countDocuments({})).toBe(0);

    // Again: nothing more to send, and nothing more happens.
    expect(await relayDueEvents(60_000)).toMatchObject({ delivered: 0 });
    await expectEverythingOnce();

    // Delivered again (a relay that sent but could not forget them): the event ids make it harmless.
    await OutboxEventModel.insertMany(waiting.map((event) => ({ ...event, attempts: 0 })));
    expect(await relayDueEvents(60_000)).toMatchObject({ delivered: 5 });
    await expectEverythingOnce();
  });

  it('records an event once however often it is emitted, and forgets it once sent', async () => {
    const [cat, dan] = await Promise.all([makeUser('cat'), makeUser('dan')]);
    takeJobRunnerDown();
    await sendFriendRequest(cat.id, dan.id);
    const mine = async () =>
      (await OutboxEventModel.find({ name: 'friendship/requested' }).lean()).filter((event) =>
        event._id.includes(cat.id),
      );
    const [recorded] = await mine();
    if (!recorded?.data) throw new Error('the request event was not recorded');
    // The same event announced again (a retried request) while it waits: still one entry, left
    // to the relay whatever its second emitter does.
    const again = { id: recorded._id, name: recorded.name, data: recorded.data };
    await (await announceEvents(again)).cancel();
    await changeWithEvents(again, async () => undefined);
    expect(await mine()).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);

    setLocalDispatch(undefined);
    await changeWithEvents(again, async () => undefined);
    expect(await relayDueEvents(60_000)).toMatchObject({ delivered: 1 });
    expect(await mine()).toEqual([]);
    expect(await notificationKinds(dan.id)).toEqual(['friend-request']);
    // Emitted again once sent: the id is claimed, and nothing more happens.
    await changeWithEvents(again, async () => undefined);
    await localExecutor().idle();
    expect(await mine()).toEqual([]);
    expect(await relayDueEvents(60_000)).toMatchObject({ delivered: 0 });
    expect(await notificationKinds(dan.id)).toEqual(['friend-request']);
  });

  it('sends a late copy of an event the relay sent before its (slow) change was stored', async () => {
    const [eve, fay] = await Promise.all([makeUser('eve'), makeUser('fay')]);
    const pairKey = pairKeyOf(eve.id, fay.id);
    const now = new Date();
    const requested = friendshipRequested.create(
      { pairKey, from: eve.id, to: fay.id, requestedAt: now.toISOString() },
      { id: `friendship-requested:${pairKey}:${eve.id}` },
    );
    await changeWithEvents(requested, async () => {
      // The change outlasts the grace: the relay sends the intent, the job finds no request.
      expect(await relayDueEvents(INTENT_GRACE_MS + 1_000)).toMatchObject({ delivered: 1 });
      expect(await notificationKinds(fay.id)).toEqual([]);
      await newPendingRequest(pairKey, eve.id, fay.id, now);
    });
    await localExecutor().idle();
    expect(await notificationKinds(fay.id)).toEqual(['friend-request']);
    expect(await OutboxEventModel.countDocuments({ _id: { $regex: pairKey } })).toBe(0);
  });

  it('gives an event its emitter sent without an id a random one, kept in the outbox', async () => {
    takeJobRunnerDown();
    await changeWithEvents({ name: 'test/no-id', data: { n: 1 } }, async () => undefined);
    const [recorded] = await OutboxEventModel.find({ name: 'test/no-id' }).lean();
    expect(recorded?._id).toMatch(/^event:[0-9a-f-]{36}$/);
    setLocalDispatch(undefined);
    expect(await relayDueEvents()).toMatchObject({ delivered: 1 });
  });

  it('sends a sign-up confirmation, sealed, through the relay when the job runner was down', async () => {
    takeJobRunnerDown();
    const email = 'offline-signup@example.com';
    const outcome = await signUp({
      email,
      username: 'offline_signup',
      password: 'ink-and-quill-2026',
    });
    expect(outcome).toMatchObject({ ok: true });
    await localExecutor().idle();
    expect(await readMailbox(email)).toEqual([]);
    const [waiting] = await OutboxEventModel.find({ name: 'mail/send' }).lean();
    // Sealed as recorded (and sealed afresh at each send).
    expect(waiting?.data).toMatchObject({
      to: email,
      seal: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    setLocalDispatch(undefined);
    expect(await relayDueEvents()).toMatchObject({ delivered: 1 });
    // The mail job keeps only sealed messages: the relayed one was sealed on its way.
    const kept = await readMailbox(email);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.text).toContain('/confirm');
    // The confirmation link does not linger in the outbox.
    expect(await OutboxEventModel.findById(waiting?._id).lean()).toBeNull();

    await relayDueEvents(60_000);
    expect(await readMailbox(email)).toHaveLength(1);
  });

  it('never sends a mail event it did not record itself: the outbox is no way to have mail sealed', async () => {
    const forged = 'forged@example.com';
    const message = { to: forged, subject: 'Reset your password', text: 'Go to https://evil.test' };
    const entry = (id: string, data: Record<string, unknown>): OutboxEvent => ({
      _id: id,
      name: 'mail/send',
      data,
      ts: Date.now(),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      createdAt: new Date(),
    });
    await OutboxEventModel.create([
      entry('mail:forged-unsealed', message),
      entry('mail:forged-badly-sealed', {
        ...message,
        sealedAt: Date.now(),
        seal: 'ab'.repeat(32),
      }),
    ]);
    expect(await relayDueEvents()).toMatchObject({ delivered: 0, failed: 2, retried: 0 });
    expect(await readMailbox(forged)).toEqual([]);
    expect(
      await OutboxEventModel.countDocuments({
        _id: { $in: ['mail:forged-unsealed', 'mail:forged-badly-sealed'] },
        status: 'failed',
      }),
    ).toBe(2);
  });
});
