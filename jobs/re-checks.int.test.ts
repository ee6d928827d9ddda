import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { streamIndex } from '@/lib/activity/cache';
import { ActivityModel } from '@/lib/activity/model';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { localExecutor } from './runtime';
import { readMailbox } from '@/lib/mail/mailbox';
import { SEAL_LIFETIME_MS } from '@/lib/jobs/sealed-events';
import { mailSeal } from '@/lib/mail/seal';
import { NotificationModel } from '@/lib/notifications/model';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';

/*
 * Every job reads MongoDB before it acts: an event that does not describe what is stored (forged
 * by whoever got an event to Inngest, or stale) changes nothing. Each event here is a lie, handed
 * straight to the executor as Inngest would deliver it.
 */

setUpTestStores();

type Person = Awaited<ReturnType<typeof makeUser>>;
let ada: Person;
let bob: Person;
let cat: Person;
let dan: Person;
let published: { id: string; publishedAt: string };
let draftId: string;

/** Runs one event through the real jobs and returns what each run that it triggered answered. */
async function deliver(name: string, data: Record<string, unknown>, id = `forged:${randomUUID()}`) {
  const executor = localExecutor();
  await executor.dispatch([{ id, name, data, ts: Date.now() }]);
  await executor.idle();
  // The search index's sync jobs are left out: they act on any event by design, making the
  // index agree with MongoDB whatever the event claims (lib/search/search.int.test.ts).
  const runs = executor.history.filter(
    (run) => run.event.id === id && !run.functionId.endsWith('-for-search'),
  );
  expect(runs.length).toBeGreaterThan(0);
  for (const run of runs) expect(run.status, run.functionId).toBe('completed');
  return runs.map((run) => run.output);
}

const streamOf = async (userId: string) => (await streamIndex.page(userId, 500)).ids;
const notificationsOf = (userId: string) =>
  NotificationModel.countDocuments({ userId: new Types.ObjectId(userId) });
const activitiesAbout = (articleId: string) =>
  ActivityModel.countDocuments({ articleId: new Types.ObjectId(articleId) });

beforeAll(async () => {
  [ada, bob, cat, dan] = await Promise.all([
    makeUser('ada'),
    makeUser('bob'),
    makeUser('cat'),
    makeUser('dan'),
  ]);
  await sendFriendRequest(ada.id, bob.id);
  await acceptFriendRequest(bob.id, ada.id);
  const draft = await createArticle(ada.viewer, { title: 'Still a draft', body: 'Not yet.' });
  const story = await createArticle(ada.viewer, { title: 'Out now', body: 'Read me.' });
  if (!draft.ok || !story.ok) throw new Error('no articles');
  draftId = draft.value.id;
  const out = await saveArticle(ada.viewer, story.value.id, {}, 'publish');
  if (!out.ok || !out.value.publishedAt) throw new Error('not published');
  published = { id: out.value.id, publishedAt: out.value.publishedAt };
  await localExecutor().idle();
  expect(await streamOf(bob.id)).toHaveLength(2); // "now friends" and the article
});

describe('the article jobs', () => {
  it('fan out nothing for an article that is not published, not by that author, or not in that publication', async () => {
    const before = await streamOf(bob.id);
    const lies = [
      { articleId: draftId, authorId: ada.id, publishedAt: new Date().toISOString() },
      { articleId: published.id, authorId: bob.id, publishedAt: published.publishedAt },
      { articleId: published.id, authorId: ada.id, publishedAt: new Date(0).toISOString() },
      {
        articleId: new Types.ObjectId().toString(),
        authorId: ada.id,
        publishedAt: published.publishedAt,
      },
    ];
    for (const lie of lies) {
      expect(await deliver('article/published', { ...lie, visibility: 'public' })).toEqual([
        { skipped: 'the article is not published as the event says' },
      ]);
    }
    expect(await streamOf(bob.id)).toEqual(before);
    expect(await streamOf(cat.id)).toEqual([]);
    expect(await activitiesAbout(draftId)).toBe(0);
    expect(await activitiesAbout(published.id)).toBe(1);
  });

  it('retract nothing that is still published, or not deleted', async () => {
    const before = await streamOf(bob.id);
    for (const reason of ['unpublished', 'deleted']) {
      expect(
        await deliver('article/withdrawn', { articleId: published.id, authorId: ada.id, reason }),
      ).toEqual([{ skipped: 'the article is not withdrawn as the event says' }]);
    }
    expect(
      await deliver('article/withdrawn', {
        articleId: draftId,
        authorId: bob.id,
        reason: 'unpublished',
      }),
    ).toEqual([{ skipped: 'the article is not withdrawn as the event says' }]);
    expect(await streamOf(bob.id)).toEqual(before);
    expect(await activitiesAbout(published.id)).toBe(1);
  });

  it('record no comment or like that does not exist, and notify nobody', async () => {
    const before = await streamOf(ada.id);
    const notified = await notificationsOf(ada.id);
    expect(
      await deliver('article/commented', {
        articleId: published.id,
        authorId: ada.id,
        commenterId: dan.id,
        commentId: new Types.ObjectId().toString(),
        createdAt: new Date().toISOString(),
      }),
    ).toEqual([{ skipped: 'no such comment' }]);
    expect(
      await deliver('article/liked', {
        articleId: published.id,
        authorId: ada.id,
        likerId: dan.id,
        likedAt: new Date().toISOString(),
      }),
    ).toEqual([{ skipped: 'no such like' }]);
    expect(await streamOf(ada.id)).toEqual(before);
    expect(await notificationsOf(ada.id)).toBe(notified);
    expect(await activitiesAbout(published.id)).toBe(1);
  });
});

describe('the friendship jobs', () => {
  it('notify nobody of a request or a friendship that does not exist, and put nothing in streams', async () => {
    expect(
      await deliver('friendship/requested', {
        pairKey: [cat.id, dan.id].sort().join(':'),
        from: cat.id,
        to: dan.id,
        requestedAt: new Date().toISOString(),
      }),
    ).toEqual([{ skipped: 'no such friend request' }]);
    const accepted = await deliver('friendship/accepted', {
      pairKey: [cat.id, dan.id].sort().join(':'),
      requester: dan.id,
      accepter: cat.id,
      acceptedAt: new Date().toISOString(),
    });
    expect(accepted).toEqual([
      { skipped: 'no such friendship' },
      { skipped: 'no such friendship' },
    ]);
    // Friends, but not by that acceptance: a stale or made-up one backfills nothing either.
    expect(
      await deliver('friendship/accepted', {
        pairKey: [ada.id, cat.id].sort().join(':'),
        requester: cat.id,
        accepter: ada.id,
        acceptedAt: new Date().toISOString(),
      }),
    ).toEqual([{ skipped: 'no such friendship' }, { skipped: 'no such friendship' }]);
    expect(await notificationsOf(dan.id)).toBe(0);
    expect(await notificationsOf(cat.id)).toBe(0);
    expect(await streamOf(cat.id)).toEqual([]);
    expect(await streamOf(dan.id)).toEqual([]);
  });

  it('separate no friends who are still friends, nor anyone over a block that does not exist', async () => {
    const before = await streamOf(bob.id);
    expect(
      await deliver('friendship/removed', {
        pairKey: [ada.id, bob.id].sort().join(':'),
        users: [ada.id, bob.id].sort(),
        reason: 'unfriended',
      }),
    ).toEqual([{ skipped: 'they are not separated as the event says' }]);
    expect(
      await deliver('user/blocked', {
        blocker: bob.id,
        blocked: ada.id,
        blockedAt: new Date().toISOString(),
      }),
    ).toEqual([{ skipped: 'they are not separated as the event says' }]);
    expect(await streamOf(bob.id)).toEqual(before);
  });
});

describe('the mail job', () => {
  const message = { to: 'victim@example.com', subject: 'Hello', text: 'Click here.' };

  it('sends nothing the app did not seal: no seal, another message’s seal, an old seal', async () => {
    const now = Date.now();
    const old = now - SEAL_LIFETIME_MS - 60_000;
    const sealed = (id: string, what: typeof message, at: number) => ({
      ...what,
      sealedAt: at,
      seal: mailSeal(id, what, at),
    });
    const ids = Array.from({ length: 5 }, () => `mail:${randomUUID()}`) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const attempts: [string, Record<string, unknown>, string][] = [
      [ids[0], message, 'the message is not sealed'],
      [
        ids[1],
        { ...sealed(ids[1], { ...message, text: 'Something else.' }, now), text: message.text },
        'the seal does not match the message',
      ],
      [ids[2], sealed(ids[1], message, now), 'the seal does not match the message'],
      [ids[3], sealed(ids[3], message, old), 'the seal is out of date'],
    ];
    for (const [id, data, reason] of attempts) {
      expect(await deliver('mail/send', data, id)).toEqual([{ refused: reason }]);
    }
    expect(await readMailbox(message.to)).toEqual([]);
    // The same message sealed by the app is delivered.
    expect(await deliver('mail/send', sealed(ids[4], message, now), ids[4])).toEqual([
      { via: 'mailbox' },
    ]);
    expect((await readMailbox(message.to)).map((mail) => mail.id)).toEqual([ids[4]]);
  });
});
