import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { likersCache } from '@/lib/articles/likers-cache';
import { setLike } from '@/lib/articles/likes';
import { forgetCached } from '@/lib/cache/cache-aside';
import { mutedCache } from '@/lib/mutes/cache';
import { notificationKeys } from '@/lib/notifications/cache';
import { savedIndex } from '@/lib/reading-list/cache';
import { saveArticleForLater } from '@/lib/reading-list/save-article';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { sessionCookie } from '@/lib/sessions/cookie';
import { sessionOwners } from '@/lib/sessions/session-owners';
import { createSession, endSessionById } from '@/lib/sessions/session-store';
import { publishAs } from '@/lib/testing/people';
import { roundTripsOf } from '@/lib/testing/round-trips';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { userKeys } from '@/lib/users/cache';
import { readerState } from './reader-state';

setUpTestStores();

const settle = () => localExecutor().idle();

describe('the reader state', () => {
  it('reads the session and everything else in one round trip, when warm', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const { id: articleId } = await publishAs(ada, 'Read me', settle);
    await setLike(bob.viewer, articleId, true);
    await saveArticleForLater(bob.viewer, articleId);
    // The jobs these started are done: nothing else talks to Redis while the reads are counted.
    await settle();
    const session = await createSession(bob.id, { userAgent: 'test', ip: '127.0.0.1' });
    const cookie = `${sessionCookie().name}=${session.id}`;

    expect(await readerState(cookie, articleId)).toMatchObject({
      status: 'signed-in',
      user: { id: bob.id },
      liked: true,
      saved: true,
      muted: [],
    });
    const metrics = createRequestContext('warm-reader-state');
    // This instance has seen the session: its reads and the reader's go out at once.
    const trips = await runWithRequestContext(metrics, () =>
      roundTripsOf(() => readerState(cookie, articleId)),
    );
    // (One pipeline here, where the durable and the cache store are one Redis.)
    expect(trips).toEqual({ pipelines: 1, sequential: 1 });
    expect(metrics.mongo.commands).toBe(0);
    // Without an article: the reader and their unread count only, in the same one round trip.
    expect(await roundTripsOf(() => readerState(cookie, null))).toEqual({
      pipelines: 1,
      sequential: 1,
    });
    expect(await readerState(cookie, null)).toMatchObject({ liked: null, saved: null, muted: [] });
  });

  it('answers the same, the slow way, when nothing is cached yet', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publishAs(ada, 'Cold', settle);
    await setLike(bob.viewer, article.id, true);
    const session = await createSession(bob.id, { userAgent: 'test', ip: '127.0.0.1' });
    // Nothing of Bob's own parts is cached: every one is read the ordinary way.
    await forgetCached(
      userKeys.byId(bob.id),
      notificationKeys.unread(bob.id),
      ...likersCache.keysOf(article.id),
      ...savedIndex.keysOf(bob.id),
      ...mutedCache.keysOf(bob.id),
    );
    const cookie = `${sessionCookie().name}=${session.id}`;
    expect(await readerState(cookie, article.id)).toMatchObject({
      status: 'signed-in',
      user: { id: bob.id },
      unread: 0,
      liked: true,
      saved: false,
      muted: [],
    });
  });

  it('never answers with what was read for a wrong guess of whose the session is', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const { id: articleId } = await publishAs(ada, 'Guessed', settle);
    await setLike(ada.viewer, articleId, true);
    await settle();
    const session = await createSession(bob.id, { userAgent: 'test', ip: '127.0.0.1' });
    const cookie = `${sessionCookie().name}=${session.id}`;
    await readerState(cookie, articleId); // warms what Bob's state reads
    sessionOwners.remember(session.id, ada.id);
    // Ada's parts go out with the session and are dropped; Bob's are read after it.
    expect(await readerState(cookie, articleId)).toMatchObject({
      status: 'signed-in',
      user: { id: bob.id },
      liked: false,
    });
    // Corrected by that read: one round trip again.
    expect((await roundTripsOf(() => readerState(cookie, articleId))).sequential).toBe(1);
  });

  it('forgets whose a session was once it is gone', async () => {
    const bob = await makeUser('bob');
    const session = await createSession(bob.id, { userAgent: 'test', ip: '127.0.0.1' });
    const cookie = `${sessionCookie().name}=${session.id}`;
    await readerState(cookie, null);
    expect(sessionOwners.guess(session.id)).toBe(bob.id);
    await endSessionById(session.id);
    expect(await readerState(cookie, null)).toEqual({ status: 'signed-out' });
    expect(sessionOwners.guess(session.id)).toBeUndefined();
  });
});
