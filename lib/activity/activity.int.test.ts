import { describe, expect, it, vi } from 'vitest';

import { setLike } from '@/lib/articles/likes';
import { unpublishArticle } from '@/lib/articles/unpublish-article';
import { addComment } from '@/lib/articles/write-comment';

import { blockUser } from '@/lib/friends/block-user';
import { endFriendship } from '@/lib/friends/end-friendship';

import { localExecutor } from '@/jobs/runtime';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { cacheRedis } from '@/lib/redis';
import { befriendAs, publishAs, type Person } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeFriends, makeUser } from '@/lib/testing/users';
import { streamIndex } from './cache';
import { fanOutFaults } from '@/lib/testing/fan-out-faults';
import { readStream } from './read-stream';

// Stream delivery behind the faults these tests inject (a test-only seam).
vi.mock('@/lib/activity/deliver', async (original) => {
  const { withFanOutFaults } = await import('@/lib/testing/fan-out-faults');
  return withFanOutFaults(await original<typeof import('@/lib/activity/deliver')>());
});

setUpTestStores();

const settle = () => localExecutor().idle();
const publish = (author: Person, title: string, extra: Record<string, unknown> = {}) =>
  publishAs(author, title, settle, extra);
const befriend = (a: Person, b: Person) => befriendAs(a, b, settle);

const streamIds = async (userId: string) => (await streamIndex.page(userId, 500)).ids;

describe('fan-out on write', () => {
  it('delivers exactly one entry to each of 2,500 friends, even when a batch fails once and is retried', async () => {
    const author = await makeUser('star');
    const friends = await makeFriends(author.id, 2_500, 'fan');
    // The second batch's first delivery fails.
    fanOutFaults.failOnce.add(1);
    const article = await publish(author, 'For all my fans');
    const run = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('fan-out-published-article'),
    );
    expect(run?.status).toBe('completed');
    expect(run?.retries).toBe(1);
    expect(run?.output).toMatchObject({ delivered: 2_500 });
    expect(fanOutFaults.failOnce.size).toBe(0);

    const activityId = (run?.output as { activityId: string }).activityId;
    const store = cacheRedis();
    const cards = await store.all(
      friends.map((friend) => store.cmd.zcard(streamIndex.key(friend))),
    );
    const scores = await store.all(
      friends.map((friend) => store.cmd.zscore(streamIndex.key(friend), activityId)),
    );
    expect(cards.every((count) => count === 1)).toBe(true);
    expect(scores.every((score) => score !== null)).toBe(true);
    void article;
  }, 120_000);
});

describe('streams', () => {
  it('show friends’ articles, new friendships, comments and grouped likes; a cold rebuild equals the warm stream', async () => {
    const [ada, bob, cat, dan] = await Promise.all([
      makeUser('ada'),
      makeUser('bob'),
      makeUser('cat'),
      makeUser('dan'),
    ]);
    await befriend(ada, bob);
    await befriend(cat, bob);
    const first = await publish(ada, 'First from Ada');
    const mine = await publish(bob, 'Bob writes');
    await publish(cat, 'Cat says hi', { visibility: 'friends' });
    await publish(dan, 'Dan is not a friend');
    await addComment(ada.viewer, mine.id, { body: 'Nice one' });
    await setLike(ada.viewer, mine.id, true);
    await setLike(cat.viewer, mine.id, true);
    await setLike(dan.viewer, mine.id, true);
    await localExecutor().idle();

    const warm = await readStream(bob.id, 50);
    const summary = warm.items.map((item) =>
      item.kind === 'liked'
        ? `liked:${item.totalLikers}:${item.article.title}`
        : item.kind === 'befriended'
          ? `befriended:${item.other.username}`
          : `${item.kind}:${item.article.title}`,
    );
    expect(summary).toEqual([
      'liked:3:Bob writes',
      'commented:Bob writes',
      'published:Cat says hi',
      'published:First from Ada',
      `befriended:${cat.username}`,
      `befriended:${ada.username}`,
    ]);
    const likedItem = warm.items[0];
    expect(likedItem?.kind === 'liked' && likedItem.likers.length).toBe(2);
    void first;

    const warmPage = await streamIndex.page(bob.id, 500);
    const store = cacheRedis();
    await store.one(store.cmd.del(streamIndex.key(bob.id)));
    const rebuilt = await streamIndex.page(bob.id, 500);
    expect(rebuilt.ids).toEqual(warmPage.ids);
    expect(rebuilt.scores).toEqual(warmPage.scores);
    expect((await readStream(bob.id, 50)).items.map((item) => item.id)).toEqual(
      warm.items.map((item) => item.id),
    );

    const metrics = createRequestContext('warm-stream');
    await runWithRequestContext(metrics, () => readStream(bob.id, 20));
    expect(metrics.mongo.commands).toBe(0);
    expect(metrics.cache.stream).toMatchObject({ misses: 0 });
  });

  it('lose an article when it is unpublished', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await befriend(ada, bob);
    const article = await publish(ada, 'Soon gone');
    const before = await readStream(bob.id);
    expect(
      before.items.some((item) => item.kind === 'published' && item.article.id === article.id),
    ).toBe(true);
    await unpublishArticle(ada.viewer, article.id);
    await localExecutor().idle();
    expect(
      (await readStream(bob.id)).items.some(
        (item) => 'article' in item && item.article.id === article.id,
      ),
    ).toBe(false);
    const store = cacheRedis();
    await store.one(store.cmd.del(streamIndex.key(bob.id)));
    expect(
      (await readStream(bob.id)).items.some(
        (item) => 'article' in item && item.article.id === article.id,
      ),
    ).toBe(false);
  });

  it('lose the other person’s items on unfriend and on block', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    await befriend(ada, bob);
    await befriend(cat, bob);
    const fromAda = await publish(ada, 'Ada before the split');
    const fromCat = await publish(cat, 'Cat before the block');
    expect(await streamIds(bob.id)).toEqual(expect.arrayContaining([expect.any(String)]));
    const hasArticle = async (articleId: string) =>
      (await readStream(bob.id, 50)).items.some(
        (item) => 'article' in item && item.article.id === articleId,
      );
    expect(await hasArticle(fromAda.id)).toBe(true);
    expect(await hasArticle(fromCat.id)).toBe(true);

    await endFriendship(bob.id, ada.id, 'unfriend');
    await localExecutor().idle();
    expect(await hasArticle(fromAda.id)).toBe(false);

    await blockUser(bob.id, cat.id);
    await localExecutor().idle();
    expect(await hasArticle(fromCat.id)).toBe(false);
    const items = await readStream(bob.id, 50);
    expect(
      items.items.some(
        (item) => item.kind === 'befriended' && [ada.id, cat.id].includes(item.other.id),
      ),
    ).toBe(false);
  });
});
