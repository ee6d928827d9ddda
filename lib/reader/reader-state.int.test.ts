import { describe, expect, it, vi } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { likersCache } from '@/lib/articles/likers-cache';
import { setLike } from '@/lib/articles/likes';
import { forgetCached } from '@/lib/cache/cache-aside';
import { mutedCache } from '@/lib/mutes/cache';
import { notificationKeys } from '@/lib/notifications/cache';
import { savedIndex } from '@/lib/reading-list/cache';
import { saveArticleForLater } from '@/lib/reading-list/save-article';
import { cacheRedis, durableRedis } from '@/lib/redis';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { sessionCookie } from '@/lib/sessions/cookie';
import { createSession } from '@/lib/sessions/session-store';
import { publishAs } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { userKeys } from '@/lib/users/cache';
import { readerState } from './reader-state';

setUpTestStores();

const settle = () => localExecutor().idle();

/** How many round trips to Redis `work` makes (the durable and the cache store, even if one). */
async function roundTrips(work: () => Promise<unknown>): Promise<number> {
  const drivers = [...new Set([durableRedis().driver, cacheRedis().driver])];
  const spies = drivers.map((driver) => vi.spyOn(driver, 'send'));
  try {
    await work();
    return spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('the reader state', () => {
  it('reads the session, then everything else in one round trip, when warm', async () => {
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
    const trips = await runWithRequestContext(metrics, () =>
      roundTrips(() => readerState(cookie, articleId)),
    );
    expect(trips).toBe(2);
    expect(metrics.mongo.commands).toBe(0);
    // Without an article: the reader and their unread count only, in the same two round trips.
    expect(await roundTrips(() => readerState(cookie, null))).toBe(2);
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
});
