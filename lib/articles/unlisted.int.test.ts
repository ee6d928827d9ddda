import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { loadStream, streamIndex } from '@/lib/activity/cache';
import { activityIdsOfArticle } from '@/lib/activity/queries';
import { readStream } from '@/lib/activity/read-stream';
import { readStamps, tagOf } from '@/lib/cache/change-clock';
import { blockUser } from '@/lib/friends/block-user';
import { inngest } from '@/lib/jobs/client';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { befriendAs, publishAs, type Person } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { retryWhileBusy } from '@/lib/testing/while-busy';
import { makeUser } from '@/lib/testing/users';

import { articleIndexes, articleKeys } from './cache';
import { articleListingChanged } from './events';
import { feedCards, renderRssFeed } from './feed';
import { getArticlePage } from './get-article-page';
import { setLike } from './likes';
import { listAuthorArticles, listRecentArticles, listTagArticles } from './list-articles';
import { ArticleModel } from './models';
import { saveArticle } from './save-article';
import { sitemapDocument } from './sitemap';
import { addComment } from './write-comment';

setUpTestStores();

const settle = () => localExecutor().idle();
const publish = (author: Person, title: string, extra: Record<string, unknown> = {}) =>
  publishAs(author, title, settle, extra);
const befriend = (a: Person, b: Person) => befriendAs(a, b, settle);

async function setVisibility(author: Person, articleId: string, visibility: string) {
  const saved = await retryWhileBusy(() =>
    saveArticle(author.viewer, articleId, { visibility }, 'save'),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  await localExecutor().idle();
  return saved.value;
}

const ids = (page: { cards: { article: { id: string } }[] }) =>
  page.cards.map((card) => card.article.id);

/** Where an article shows, everywhere a list, feed, stream or sitemap could show it. */
async function placesOf(
  article: { id: string; slug: string },
  people: { author: Person; friend: Person; stranger: Person },
  tag: string,
) {
  const { author, friend, stranger } = people;
  const inFeed = async (list: 'recent' | 'authorPublic' | 'tag', owner: string) => {
    const cards = await feedCards(list, owner);
    const xml = renderRssFeed({ title: 't', description: 'd', path: '/feed.xml', cards });
    return xml.includes(article.id);
  };
  const stream = await readStream(friend.id);
  return {
    home: ids(await listRecentArticles()).includes(article.id),
    tagPage: ids(await listTagArticles(tag)).includes(article.id),
    profileForGuests: ids(await listAuthorArticles(author.id, null)).includes(article.id),
    profileForStrangers: ids(await listAuthorArticles(author.id, stranger.id)).includes(article.id),
    profileForFriends: ids(await listAuthorArticles(author.id, friend.id)).includes(article.id),
    profileForAuthor: ids(await listAuthorArticles(author.id, author.id)).includes(article.id),
    siteFeed: await inFeed('recent', 'all'),
    authorFeed: await inFeed('authorPublic', author.id),
    tagFeed: await inFeed('tag', tag),
    sitemap: (await sitemapDocument()).includes(`/${article.slug}</loc>`),
    friendStream: stream.items.some(
      (item) => item.kind === 'published' && item.article.id === article.id,
    ),
  };
}

const nowhere = {
  home: false,
  tagPage: false,
  profileForGuests: false,
  profileForStrangers: false,
  profileForFriends: false,
  profileForAuthor: false,
  siteFeed: false,
  authorFeed: false,
  tagFeed: false,
  sitemap: false,
  friendStream: false,
};
const everywhere = Object.fromEntries(Object.keys(nowhere).map((key) => [key, true]));

async function cast() {
  const [author, friend, stranger] = await Promise.all([
    makeUser('ada'),
    makeUser('bob'),
    makeUser('eve'),
  ]);
  await befriend(author, friend);
  return { author, friend, stranger };
}

describe('unlisted articles', () => {
  it('are readable by anyone with the link, guests included, and listed nowhere', async () => {
    const people = await cast();
    const { author, friend, stranger } = people;
    const tag = `unl${Date.now().toString(36)}`;
    const article = await publish(author, 'Only by link', { visibility: 'unlisted', tags: [tag] });
    for (const viewer of [null, stranger.id, friend.id, author.id]) {
      expect((await getArticlePage(author.usernameKey, article.slug, viewer)).kind).toBe('article');
    }
    expect(await placesOf(article, people, tag)).toEqual(nowhere);
    // Recorded (so listing it later can deliver it), delivered to nobody.
    const run = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('fan-out-published-article'),
    );
    expect(run?.output).toMatchObject({ delivered: 0 });
    const [activityId] = await activityIdsOfArticle(article.id);
    expect(activityId).toBeDefined();
    expect((await streamIndex.page(friend.id, 50)).ids).not.toContain(activityId);
    // Nor does a stream rebuilt from MongoDB, or a new friend's backfill.
    expect((await loadStream(friend.id, 50)).map((entry) => entry.member)).not.toContain(
      activityId,
    );
    const late = await makeUser('dan');
    await befriend(author, late);
    expect((await streamIndex.page(late.id, 50)).ids).not.toContain(activityId);

    // A warm view by a guest sends no MongoDB command (the new friendship changed the author).
    await getArticlePage(author.usernameKey, article.slug, null);
    const metrics = createRequestContext('warm');
    const page = await runWithRequestContext(metrics, () =>
      getArticlePage(author.usernameKey, article.slug, null),
    );
    expect(page.kind).toBe('article');
    expect(metrics.mongo.commands).toBe(0);
  });

  it('keep comments and likes out of the author’s stream while unlisted', async () => {
    const people = await cast();
    const { author, friend } = people;
    const article = await publish(author, 'Quietly discussed', { visibility: 'unlisted' });
    expect((await addComment(friend.viewer, article.id, { body: 'Found it!' })).ok).toBe(true);
    expect((await setLike(friend.viewer, article.id, true)).ok).toBe(true);
    await localExecutor().idle();
    const aboutIt = async () =>
      (await readStream(author.id)).items.filter(
        (item) => 'article' in item && item.article.id === article.id,
      );
    expect(await aboutIt()).toEqual([]);
    // Listed again, the discussion shows as it always would.
    await setVisibility(author, article.id, 'public');
    expect((await aboutIt()).map((item) => item.kind).sort()).toEqual(['commented', 'liked']);
  });

  it('public → unlisted leaves every cached list, feed, stream and the sitemap; unlisted → public comes back', async () => {
    const people = await cast();
    const { author, friend } = people;
    const tag = `flip${Date.now().toString(36)}`;
    const article = await publish(author, 'Now you see it', { tags: [tag] });
    // Every list is cached before the change: the change must update them, not a cold read.
    expect(await placesOf(article, people, tag)).toEqual(everywhere);
    const indexTags = [
      articleIndexes.recent.key('all'),
      articleIndexes.tag.key(tag),
      articleIndexes.authorPublic.key(author.id),
      articleIndexes.authorAll.key(author.id),
      streamIndex.key(friend.id),
      articleKeys.card(article.id),
    ].map(tagOf);
    const before = await readStamps(indexTags);
    await new Promise((resolve) => setTimeout(resolve, 5));

    await setVisibility(author, article.id, 'unlisted');
    expect(await placesOf(article, people, tag)).toEqual(nowhere);
    // Every list and stream a page was built from is stamped: no cached page shows it.
    const after = await readStamps(indexTags);
    after.forEach((stamp, index) => expect(stamp).toBeGreaterThan(before[index] ?? 0));
    // The friend's stream no longer holds the entry (not just hides it).
    const publication = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('sync-article-listing'),
    );
    expect(publication?.output).toMatchObject({ listing: 'unlisted', changed: 1 });
    const activityId = (publication?.output as { activityId: string }).activityId;
    expect((await streamIndex.page(friend.id, 50)).ids).not.toContain(activityId);
    expect((await getArticlePage(author.usernameKey, article.slug, null)).kind).toBe('article');

    await setVisibility(author, article.id, 'public');
    expect(await placesOf(article, people, tag)).toEqual(everywhere);
    const stream = await streamIndex.page(friend.id, 50);
    expect(stream.ids.filter((id) => id === activityId)).toHaveLength(1);
    // Back at its publication time, not at the time it was listed again.
    const stored = await ArticleModel.findById(article.id).lean();
    expect(stream.scores[stream.ids.indexOf(activityId)]).toBe(stored?.publishedAt?.getTime());
  });

  it('friends-only ↔ unlisted moves the article in and out of the profile for friends and the stream', async () => {
    const people = await cast();
    const { author, friend } = people;
    const article = await publish(author, 'Friends first', { visibility: 'friends' });
    const seen = async () => ({
      profile: ids(await listAuthorArticles(author.id, friend.id)).includes(article.id),
      stream: (await readStream(friend.id)).items.some(
        (item) => 'article' in item && item.article.id === article.id,
      ),
      guestReads: (await getArticlePage(author.usernameKey, article.slug, null)).kind,
    });
    expect(await seen()).toEqual({ profile: true, stream: true, guestReads: 'not-found' });
    await setVisibility(author, article.id, 'unlisted');
    expect(await seen()).toEqual({ profile: false, stream: false, guestReads: 'article' });
    await setVisibility(author, article.id, 'friends');
    expect(await seen()).toEqual({ profile: true, stream: true, guestReads: 'not-found' });
  });

  it('the listing job is idempotent and follows MongoDB, not the event (replays, stale and forged events)', async () => {
    const people = await cast();
    const { author, friend } = people;
    const article = await publish(author, 'Replayed');
    await setVisibility(author, article.id, 'unlisted');
    const stored = await ArticleModel.findById(article.id).lean();
    const data = {
      articleId: article.id,
      authorId: author.id,
      publishedAt: stored?.publishedAt?.toISOString() ?? '',
    };
    // A stale "it changed" event (from when it went public, say) replayed twice: still out.
    for (const id of ['replay-1', 'replay-2']) {
      await inngest.send(articleListingChanged.create(data, { id }));
      await localExecutor().idle();
    }
    expect((await readStream(friend.id)).items).toEqual(
      (await readStream(friend.id)).items.filter(
        (item) => !('article' in item) || item.article.id !== article.id,
      ),
    );
    const publication = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('sync-article-listing'),
    );
    expect(publication?.output).toMatchObject({ listing: 'unlisted' });

    // Listed again, then the same events once more: exactly one entry, never two.
    await setVisibility(author, article.id, 'public');
    for (const id of ['replay-3', 'replay-4']) {
      await inngest.send(articleListingChanged.create(data, { id }));
      await localExecutor().idle();
    }
    const entries = (await readStream(friend.id)).items.filter(
      (item) => 'article' in item && item.article.id === article.id,
    );
    expect(entries).toHaveLength(1);

    // A forged event for another author's article, or another publication, changes nothing.
    await inngest.send(
      articleListingChanged.create({ ...data, authorId: friend.id }, { id: 'forged-author' }),
    );
    await inngest.send(
      articleListingChanged.create(
        { ...data, publishedAt: new Date(0).toISOString() },
        { id: 'forged-time' },
      ),
    );
    await localExecutor().idle();
    const forged = localExecutor()
      .history.filter((entry) => entry.functionId.endsWith('sync-article-listing'))
      .slice(-2);
    for (const run of forged) expect(run.output).toMatchObject({ skipped: expect.any(String) });
  });

  it('stays readable to someone the author blocked, like a public article, and is refused by the schema when misspelt', async () => {
    const people = await cast();
    const { author, stranger } = people;
    await blockUser(author.id, stranger.id);
    const article = await publish(author, 'Blocked but linked', { visibility: 'unlisted' });
    expect((await getArticlePage(author.usernameKey, article.slug, stranger.id)).kind).toBe(
      'article',
    );
    expect(
      await saveArticle(author.viewer, article.id, { visibility: 'hidden' }, 'save'),
    ).toMatchObject({
      ok: false,
      fieldErrors: { visibility: 'Choose Public, Friends only or Unlisted.' },
    });
  });
});
