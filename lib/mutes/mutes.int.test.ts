import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { readStream } from '@/lib/activity/read-stream';
import { setLike } from '@/lib/articles/likes';

import { addComment } from '@/lib/articles/write-comment';
import { withStamps } from '@/lib/cache/change-clock';

import { getRelationship } from '@/lib/friends/relationship';

import { unreadCount } from '@/lib/notifications/cache';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { readerState } from '@/lib/reader/reader-state';
import { cacheRedis } from '@/lib/redis';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { sessionCookie } from '@/lib/sessions/cookie';
import { createSession } from '@/lib/sessions/session-store';
import { befriendAs, publishAs, type Person } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { MAX_MUTES, mutedCache } from './cache';
import { changeMute } from './change-mute';
import { listMuted } from './list-muted';
import { MuteModel } from './model';
import { muteUser } from './mute-user';
import { collectMutes, countMuteTraces, purgeMutes } from './purge-user';
import { unmuteUser } from './unmute-user';

setUpTestStores();

const settle = () => localExecutor().idle();
const publish = (author: Person, title: string, extra: Record<string, unknown> = {}) =>
  publishAs(author, title, settle, extra);
const befriend = (a: Person, b: Person) => befriendAs(a, b, settle);

const summary = async (userId: string) =>
  (await readStream(userId, 50)).items.map((item) =>
    item.kind === 'liked'
      ? `liked:${item.likers.map((liker) => liker.username).join(',')}:${item.totalLikers}`
      : item.kind === 'befriended'
        ? `befriended:${item.other.username}`
        : `${item.kind}:${item.actor.username}:${item.article.title}`,
  );

describe('muting', () => {
  it('is idempotent both ways, refuses oneself and unknown people, and ends no friendship', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await befriend(ada, bob);
    expect(await muteUser(ada.id, ada.id)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await muteUser(ada.id, bob.id)).toEqual({ ok: true, value: { muted: true } });
    expect(await muteUser(ada.id, bob.id)).toEqual({ ok: true, value: { muted: true } });
    expect(await MuteModel.countDocuments({ userId: new Types.ObjectId(ada.id) })).toBe(1);
    expect((await listMuted(ada.id)).map((person) => person.id)).toEqual([bob.id]);
    // Nothing changes between them: still friends, either way round.
    expect(await getRelationship(ada.id, bob.id)).toBe('friends');
    expect(await getRelationship(bob.id, ada.id)).toBe('friends');
    expect(await unmuteUser(ada.id, bob.id)).toEqual({ ok: true, value: { muted: false } });
    expect(await unmuteUser(ada.id, bob.id)).toEqual({ ok: true, value: { muted: false } });
    expect(await mutedCache.get(ada.id)).toEqual([]);
    expect(
      await changeMute(ada.viewer, { username: 'nobody_here_at_all', action: 'mute' }),
    ).toMatchObject({ ok: false, code: 'not-found' });
    expect(await changeMute(ada.viewer, { username: bob.username, action: 'shout' })).toMatchObject(
      {
        ok: false,
        code: 'invalid',
      },
    );
    expect(await changeMute(ada.viewer, { username: bob.username, action: 'mute' })).toEqual({
      ok: true,
      value: { muted: true },
    });
  });

  it(`stops at ${MAX_MUTES} people, with a message`, async () => {
    const ada = await makeUser('ada');
    const userId = new Types.ObjectId(ada.id);
    await MuteModel.insertMany(
      Array.from({ length: MAX_MUTES }, () => ({
        userId,
        mutedId: new Types.ObjectId(),
        createdAt: new Date(),
      })),
    );
    await cacheRedis().all(withStamps([mutedCache.change(ada.id, 'drop')]));
    const bob = await makeUser('bob');
    const refused = await muteUser(ada.id, bob.id);
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
    expect(refused.ok ? '' : refused.formError).toContain('Unmute someone');
  });

  it("hides the muted person's activity from the stream at once, and unmuting restores it", async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    await befriend(ada, bob);
    await befriend(ada, cat);
    await befriend(bob, cat);
    const catPost = await publish(cat, 'Cat writes');
    await publish(bob, 'Bob writes');
    await addComment(bob.viewer, catPost.id, { body: 'Bob was here' });
    await setLike(bob.viewer, catPost.id, true);
    await localExecutor().idle();
    const before = await summary(ada.id);
    const bobBefore = await summary(bob.id);
    expect(before.some((line) => line.includes(bob.username))).toBe(true);

    await muteUser(ada.id, bob.id);
    const muted = await summary(ada.id);
    expect(muted.filter((line) => line.includes(bob.username))).toEqual([]);
    expect(muted).toContain(`published:${cat.username}:Cat writes`);

    // Warm: the muted set and everything else come from Redis.
    const metrics = createRequestContext('warm-muted-stream');
    await runWithRequestContext(metrics, () => readStream(ada.id, 20));
    expect(metrics.mongo.commands).toBe(0);

    // Bob's own stream is untouched by Ada's mute.
    expect(await summary(bob.id)).toEqual(bobBefore);
    expect(bobBefore.some((line) => line.includes(ada.username))).toBe(true);

    await unmuteUser(ada.id, bob.id);
    expect(await summary(ada.id)).toEqual(before);
  });

  it('creates no notification for the muter from a muted person, and still does from others', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Ada asks');
    await muteUser(ada.id, bob.id);
    await addComment(bob.viewer, article.id, { body: 'From Bob' });
    await setLike(bob.viewer, article.id, true);
    await localExecutor().idle();
    expect(await unreadCount(ada.id)).toBe(0);
    expect(await listNotifications(ada.id)).toEqual([]);
    await addComment(cat.viewer, article.id, { body: 'From Cat' });
    await localExecutor().idle();
    const notes = await listNotifications(ada.id);
    expect(notes.map((note) => note.actor?.id)).toEqual([cat.id]);
  });

  it("tells the reader's state whom to hide, from Redis alone when warm", async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'Read me');
    const session = await createSession(ada.id, { userAgent: 'test', ip: '127.0.0.1' });
    const cookie = `${sessionCookie().name}=${session.id}`;
    expect(await readerState(cookie, article.id)).toMatchObject({ muted: [] });
    await muteUser(ada.id, bob.id);
    expect(await readerState(cookie, article.id)).toMatchObject({ muted: [bob.id] });
    // Only for an article asked about: the header's own call carries no list.
    expect(await readerState(cookie, null)).toMatchObject({ muted: [] });
    const metrics = createRequestContext('warm-reader-state');
    await runWithRequestContext(metrics, () => readerState(cookie, article.id));
    expect(metrics.mongo.commands).toBe(0);
  });

  it('narrows a long muted list to the people who commented on the article', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(cat, 'Busy thread');
    await MuteModel.insertMany(
      Array.from({ length: 60 }, () => ({
        userId: new Types.ObjectId(ada.id),
        mutedId: new Types.ObjectId(),
        createdAt: new Date(),
      })),
    );
    await cacheRedis().all(withStamps([mutedCache.change(ada.id, 'drop')]));
    await muteUser(ada.id, bob.id);
    const session = await createSession(ada.id, { userAgent: 'test', ip: '127.0.0.1' });
    const cookie = `${sessionCookie().name}=${session.id}`;
    expect(await readerState(cookie, article.id)).toMatchObject({ muted: [] });
    await addComment(bob.viewer, article.id, { body: 'Bob again' });
    expect(await readerState(cookie, article.id)).toMatchObject({ muted: [bob.id] });
    const metrics = createRequestContext('warm-long-list');
    await runWithRequestContext(metrics, () => readerState(cookie, article.id));
    expect(metrics.mongo.commands).toBe(0);
  });

  it('account deletion removes mutes both ways', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    await muteUser(ada.id, bob.id);
    await muteUser(bob.id, cat.id);
    const mutes = await collectMutes(bob.id, 10);
    expect(mutes).toHaveLength(2);
    await purgeMutes(mutes);
    await purgeMutes(mutes);
    expect(await countMuteTraces(bob.id)).toBe(0);
    expect(await mutedCache.get(ada.id)).toEqual([]);
  });
});
