import { describe, expect, it } from 'vitest';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { blockUser } from '@/lib/friends/block-user';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { inngest } from '@/lib/jobs/client';
import { localExecutor } from '@/jobs/runtime';
import { createRequestContext, newPageCapture, runWithRequestContext } from '@/lib/request/context';
import { readStream } from '@/lib/activity/read-stream';
import { readStamps, tagOf } from '@/lib/cache/change-clock';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { cacheRedis } from '@/lib/redis';
import { holdsCachedObject } from '@/lib/cache/cache-aside';
import type { UploadedFile } from '@/lib/http/image-upload';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { invalidateUser } from '@/lib/users/cache';
import { ok } from '@/lib/validation/result';
import { articleIndexes, articleKeys, getArticleView } from './cache';
import { listComments } from './comments';
import { applyCounterBatch, recordView, takeCounterBatch } from './counters';
import { setCover } from './cover';
import { countersFlushRequested } from './events';
import { getArticlePage } from './get-article-page';
import { getLikeState, setLike } from './likes';
import { listAuthorArticles, listRecentArticles, listTagArticles } from './list-articles';
import { ArticleModel } from './models';
import { createArticle, saveArticle } from './save-article';
import { slugify } from './slug';
import { deleteArticle } from './delete-article';
import { unpublishArticle } from './unpublish-article';
import { addComment, deleteComment, editComment } from './write-comment';

type Author = Awaited<ReturnType<typeof makeUser>>;

setUpTestStores();

async function publish(
  author: Author,
  title: string,
  body = 'Some words.',
  extra: Record<string, unknown> = {},
) {
  const draft = await createArticle(author.viewer, { title, body, ...extra });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const published = await saveArticle(author.viewer, draft.value.id, {}, 'publish');
  if (!published.ok) throw new Error(JSON.stringify(published));
  return published.value;
}

async function befriend(a: Author, b: Author) {
  await sendFriendRequest(a.id, b.id);
  await acceptFriendRequest(b.id, a.id);
}

describe('slugs', () => {
  it('are made from titles', () => {
    expect(slugify('Hello, World! ✨')).toBe('hello-world');
    expect(slugify('Ünïcödé café’s')).toBe('unicode-cafes');
    expect(slugify('!!!')).toBe('untitled');
    expect(slugify('x'.repeat(200))).toHaveLength(80);
  });

  it('are unique per author, shared across authors, and stable after a title edit', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const first = await publish(ada, 'Hello World');
    const second = await publish(ada, 'Hello, world!');
    const other = await publish(bob, 'Hello World');
    expect([first.slug, second.slug, other.slug]).toEqual([
      'hello-world',
      'hello-world-2',
      'hello-world',
    ]);

    const renamed = await saveArticle(ada.viewer, first.id, { title: 'A Better Title' }, 'save');
    expect(renamed.ok && renamed.value.slug).toBe('a-better-title');
    expect(await getArticlePage(ada.usernameKey, 'hello-world', null)).toEqual({
      kind: 'redirect',
      location: `/u/${ada.usernameKey}/a-better-title`,
    });
    expect((await getArticlePage(ada.usernameKey, 'a-better-title', null)).kind).toBe('article');
    // The old slug stays reserved for the article it named.
    const third = await publish(ada, 'Hello World');
    expect(third.slug).toBe('hello-world-3');
  });

  it('are not reserved by drafts', async () => {
    const ada = await makeUser('ada');
    const draft = await createArticle(ada.viewer, { title: 'Draft title' });
    expect(draft.ok && draft.value.slug).toBe('draft-title');
    const published = await publish(ada, 'Draft title');
    expect(published.slug).toBe('draft-title');
  });
});

describe('authorization', () => {
  it('refuses every change to another author’s article, as not found', async () => {
    const [ada, eve] = await Promise.all([makeUser('ada'), makeUser('eve')]);
    const article = await publish(ada, 'Mine');
    const attempts = await Promise.all([
      saveArticle(eve.viewer, article.id, { title: 'Stolen' }, 'save'),
      saveArticle(eve.viewer, article.id, {}, 'publish'),
      unpublishArticle(eve.viewer, article.id),
      deleteArticle(eve.viewer, article.id),
      setCover(eve.viewer, article.id, Buffer.from('not an image')),
    ]);
    for (const attempt of attempts.slice(0, 4))
      expect(attempt).toMatchObject({ ok: false, code: 'not-found' });
    expect(attempts[4]).toMatchObject({ ok: false });
    const stored = await ArticleModel.findById(article.id).lean();
    expect(stored?.title).toBe('Mine');
    expect(stored?.status).toBe('published');
  });

  it('lets only the commenter edit a comment, and the commenter or the article’s author delete it', async () => {
    const [ada, bob, eve] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('eve')]);
    const article = await publish(ada, 'Discuss');
    const comment = await addComment(bob.viewer, article.id, { body: 'First!' });
    if (!comment.ok) throw new Error('no comment');
    expect(await editComment(eve.viewer, comment.value.id, { body: 'hacked' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await editComment(ada.viewer, comment.value.id, { body: 'hacked' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await deleteComment(eve.viewer, comment.value.id)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await editComment(bob.viewer, comment.value.id, { body: 'First, edited' }),
    ).toMatchObject({ ok: true });
    const reply = await addComment(eve.viewer, article.id, {
      body: 'A reply',
      parentId: comment.value.id,
    });
    if (!reply.ok) throw new Error('no reply');
    // Replies answer replies too (comments.int.test.ts tests the depth and its limits).
    expect(
      await addComment(eve.viewer, article.id, { body: 'Deeper', parentId: reply.value.id }),
    ).toMatchObject({ ok: true });
    const threads = await listComments(article.id);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.comment).toMatchObject({ body: 'First, edited', edited: true });
    expect(threads[0]?.replies.map((entry) => entry.comment.body)).toEqual(['A reply']);
    expect(threads[0]?.replies[0]?.replies.map((entry) => entry.comment.body)).toEqual(['Deeper']);
    // Deleting a comment deletes everything under it.
    expect(await deleteComment(ada.viewer, comment.value.id)).toMatchObject({ ok: true });
    expect(await listComments(article.id)).toEqual([]);
  });
});

describe('visibility', () => {
  it('shows a friends-only article to its author and friends, and to nobody else', async () => {
    const [ada, bob, eve, mallory] = await Promise.all([
      makeUser('ada'),
      makeUser('bob'),
      makeUser('eve'),
      makeUser('mal'),
    ]);
    await befriend(ada, bob);
    await befriend(ada, mallory);
    await blockUser(ada.id, mallory.id);
    const article = await publish(ada, 'Only for friends', 'Secret.', { visibility: 'friends' });
    expect((await getArticlePage(ada.usernameKey, article.slug, ada.id)).kind).toBe('article');
    expect((await getArticlePage(ada.usernameKey, article.slug, bob.id)).kind).toBe('article');
    expect(await getArticlePage(ada.usernameKey, article.slug, eve.id)).toEqual({
      kind: 'not-found',
    });
    expect(await getArticlePage(ada.usernameKey, article.slug, mallory.id)).toEqual({
      kind: 'not-found',
    });
    expect(await getArticlePage(ada.usernameKey, article.slug, null)).toEqual({
      kind: 'not-found',
    });
    expect(await addComment(eve.viewer, article.id, { body: 'hi' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect((await listRecentArticles()).cards.some((card) => card.article.id === article.id)).toBe(
      false,
    );
    expect(
      (await listAuthorArticles(ada.id, bob.id)).cards.map((card) => card.article.id),
    ).toContain(article.id);
    expect(
      (await listAuthorArticles(ada.id, eve.id)).cards.map((card) => card.article.id),
    ).not.toContain(article.id);
  });
});

describe('cached objects', () => {
  it('serves a warm article page with zero MongoDB commands', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'Warm and cached', '# Hello\n\n```js\nconst x = 1;\n```');
    const view = async (viewerId: string | null) => {
      const page = await getArticlePage(ada.username, article.slug, viewerId);
      if (page.kind !== 'article') throw new Error(page.kind);
      await Promise.all([
        getLikeState(page.article.id, viewerId),
        listComments(page.article.id),
        recordView(page.article.id),
      ]);
      return page;
    };
    await view(null);
    await view(bob.id);
    for (const viewerId of [null, bob.id]) {
      const metrics = createRequestContext('warm');
      const page = await runWithRequestContext(metrics, () => view(viewerId));
      expect(page.article.html).toContain('<span class="hljs-keyword">const</span>');
      expect(metrics.mongo.commands).toBe(0);
      expect(metrics.cache.article?.misses).toBe(0);
    }
  });

  it('serves the first view after publishing, and after a move to a new slug, with zero MongoDB commands', async () => {
    const ada = await makeUser('ada');
    // Nothing of Ada is cached yet (as for an author no one has read lately).
    await invalidateUser(ada.id, ada.usernameKey);
    const firstView = async (slug: string) => {
      const metrics = createRequestContext('first view');
      const page = await runWithRequestContext(metrics, async () => {
        const found = await getArticlePage(ada.username, slug, null);
        if (found.kind !== 'article') throw new Error(found.kind);
        await Promise.all([
          getLikeState(found.article.id, null),
          listComments(found.article.id),
          recordView(found.article.id),
        ]);
        return found;
      });
      expect(metrics.mongo.commands).toBe(0);
      return page;
    };
    const article = await publish(ada, 'Fresh off the press');
    expect((await firstView(article.slug)).article.title).toBe('Fresh off the press');
    const renamed = await saveArticle(
      ada.viewer,
      article.id,
      { title: 'Fresher still', baseVersion: article.version },
      'save',
    );
    if (!renamed.ok) throw new Error(JSON.stringify(renamed));
    expect(renamed.value.slug).toBe('fresher-still');
    expect((await firstView('fresher-still')).article.title).toBe('Fresher still');
  });

  it('rebuilds the cached object on edit, and drops it and its list entries on unpublish and delete', async () => {
    const ada = await makeUser('ada');
    const article = await publish(ada, 'Versioned', 'Version one.', { tags: 'news, Web Dev' });
    expect((await getArticleView(article.id))?.html).toContain('Version one.');
    const inList = async () =>
      (await listRecentArticles()).cards.some((card) => card.article.id === article.id);
    const inTag = async () =>
      (await articleIndexes.tag.page('web-dev', 50)).ids.includes(article.id);
    expect(await inList()).toBe(true);
    expect(await inTag()).toBe(true);

    const edited = await saveArticle(
      ada.viewer,
      article.id,
      { body: 'Version two.', tags: 'news', baseVersion: article.version },
      'save',
    );
    expect(edited.ok).toBe(true);
    const store = cacheRedis();
    const cached = JSON.parse(
      (await store.one(store.cmd.get(articleKeys.view(article.id)))) ?? '{}',
    ) as { html: string; version: number };
    expect(cached.html).toContain('Version two.');
    expect(cached.version).toBe(article.version + 1);
    expect(await inTag()).toBe(false);
    // A second tab still based on the first version may not overwrite the edit.
    expect(
      await saveArticle(
        ada.viewer,
        article.id,
        { body: 'older base', baseVersion: article.version },
        'save',
      ),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    expect((await unpublishArticle(ada.viewer, article.id)).ok).toBe(true);
    expect(holdsCachedObject(await store.one(store.cmd.get(articleKeys.view(article.id))))).toBe(
      false,
    );
    expect(await getArticlePage(ada.usernameKey, article.slug, ada.id)).toEqual({
      kind: 'not-found',
    });
    expect(await inList()).toBe(false);

    const republished = await saveArticle(ada.viewer, article.id, {}, 'publish');
    expect(republished.ok).toBe(true);
    expect(await inList()).toBe(true);
    expect((await deleteArticle(ada.viewer, article.id)).ok).toBe(true);
    expect(await inList()).toBe(false);
    expect(await getArticleView(article.id)).toBeNull();
    expect(await ArticleModel.countDocuments({ _id: article.id })).toBe(0);
  });

  it('refuses to publish without a title or body, keeping the draft', async () => {
    const ada = await makeUser('ada');
    const draft = await createArticle(ada.viewer, { body: 'No title yet' });
    if (!draft.ok) throw new Error('no draft');
    expect(await saveArticle(ada.viewer, draft.value.id, {}, 'publish')).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { title: 'Give your article a title before publishing.' },
    });
    expect((await ArticleModel.findById(draft.value.id).lean())?.status).toBe('draft');
  });
});

describe('counters', () => {
  it('counts views and likes in Redis and writes them to MongoDB in idempotent batches', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Popular');
    const metrics = createRequestContext('views');
    await runWithRequestContext(metrics, async () => {
      for (let view = 0; view < 7; view += 1) await recordView(article.id);
    });
    expect(metrics.mongo.commands).toBe(0);
    expect(await setLike(bob.viewer, article.id, true)).toEqual({
      ok: true,
      value: { liked: true, count: 1 },
    });
    expect(await setLike(bob.viewer, article.id, true)).toEqual({
      ok: true,
      value: { liked: true, count: 1 },
    });
    expect(await setLike(cat.viewer, article.id, true)).toEqual({
      ok: true,
      value: { liked: true, count: 2 },
    });
    expect(await setLike(cat.viewer, article.id, false)).toEqual({
      ok: true,
      value: { liked: false, count: 1 },
    });
    await addComment(cat.viewer, article.id, { body: 'Nice' });
    expect((await ArticleModel.findById(article.id).lean())?.viewCount).toBe(0);

    const batch = await takeCounterBatch(1_000);
    const entry = batch.entries.find((candidate) => candidate.articleId === article.id);
    expect(entry?.views).toBe(7);
    expect(await applyCounterBatch(batch)).toBeGreaterThan(0);
    // A retried step applies the same batch again: nothing is counted twice.
    await applyCounterBatch(batch);
    const stored = await ArticleModel.findById(article.id).lean();
    expect(stored).toMatchObject({ viewCount: 7, likeCount: 1, commentCount: 1 });
    expect((await takeCounterBatch(1_000)).entries).toEqual([]);
  });

  it('are flushed by the counter job when asked (and every minute by its schedule)', async () => {
    const ada = await makeUser('ada');
    const article = await publish(ada, 'Flushed by the job');
    for (let view = 0; view < 3; view += 1) await recordView(article.id);
    await inngest.send(countersFlushRequested.create({}));
    await localExecutor().idle();
    expect((await ArticleModel.findById(article.id).lean())?.viewCount).toBe(3);
    const run = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('flush-article-counters'),
    );
    expect(run?.status).toBe('completed');
  });
});

describe('writes that cannot be abused', () => {
  it('refuses a cover for someone else’s article before reading or decoding the upload', async () => {
    const [ada, eve] = await Promise.all([makeUser('ada'), makeUser('eve')]);
    const article = await publish(ada, 'Covered');
    let reads = 0;
    const upload: UploadedFile = async () => {
      reads += 1;
      return ok(Buffer.from('not an image'));
    };
    expect(await setCover(eve.viewer, article.id, upload)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(reads).toBe(0);
    // Bytes that are no image are "not found" for someone else (nothing was decoded) …
    expect(await setCover(eve.viewer, article.id, Buffer.from('not an image'))).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    // … and "not an image" for the author, whose upload is read and checked.
    expect(await setCover(ada.viewer, article.id, upload)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(reads).toBe(1);
  });

  it('stops someone in a block with the author from editing their old comments, not from deleting them', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Before the block');
    const byBob = await addComment(bob.viewer, article.id, { body: 'Kind words.' });
    const byCat = await addComment(cat.viewer, article.id, { body: 'Kind words too.' });
    if (!byBob.ok || !byCat.ok) throw new Error('no comments');
    await blockUser(ada.id, bob.id);
    // The commenter blocking the author ends their responses the same way.
    await blockUser(cat.id, ada.id);
    for (const [person, id] of [
      [bob, byBob.value.id],
      [cat, byCat.value.id],
    ] as const) {
      expect(await editComment(person.viewer, id, { body: 'Rude words.' })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
    expect((await listComments(article.id)).map((thread) => thread.comment.body).sort()).toEqual([
      'Kind words too.',
      'Kind words.',
    ]);
    expect(await deleteComment(bob.viewer, byBob.value.id)).toMatchObject({ ok: true });
    expect(await deleteComment(cat.viewer, byCat.value.id)).toMatchObject({ ok: true });
    expect(await listComments(article.id)).toEqual([]);
  });

  it('notifies the author of a like once per liker, however often it is taken back and given again', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Likeable');
    for (const liked of [true, false, true, false, true]) {
      expect(await setLike(bob.viewer, article.id, liked)).toMatchObject({ ok: true });
      await localExecutor().idle();
    }
    await setLike(cat.viewer, article.id, true);
    await localExecutor().idle();
    const likes = (await listNotifications(ada.id)).filter((entry) => entry.kind === 'like');
    expect(likes.map((entry) => entry.actor?.id).sort()).toEqual([bob.id, cat.id].sort());
    expect(await getLikeState(article.id, bob.id)).toEqual({ liked: true, count: 2 });
    const liked = (await readStream(ada.id)).items.filter((item) => item.kind === 'liked');
    expect(liked).toHaveLength(1);
    expect(liked[0]?.kind === 'liked' && liked[0].totalLikers).toBe(2);
  });

  it('limits liking and unliking one article, not liking others', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const [first, second] = [await publish(ada, 'Toggled'), await publish(ada, 'Liked once')];
    const { limit } = RATE_LIMITS.likeTogglesPerArticle;
    for (let toggle = 0; toggle < limit; toggle += 1) {
      expect(await setLike(bob.viewer, first.id, toggle % 2 === 0)).toMatchObject({ ok: true });
    }
    expect(await setLike(bob.viewer, first.id, true)).toMatchObject({
      ok: false,
      code: 'rate-limited',
      retryAfterSeconds: expect.any(Number),
    });
    expect(await setLike(bob.viewer, second.id, true)).toEqual({
      ok: true,
      value: { liked: true, count: 1 },
    });
  });
});

describe('change stamps of edits', () => {
  function capturing() {
    const metrics = createRequestContext('list');
    metrics.pageCapture = newPageCapture();
    return metrics;
  }

  /** The objects a page showing these lists was built from. */
  async function dependenciesOf(read: () => Promise<unknown>): Promise<string[]> {
    const metrics = capturing();
    await runWithRequestContext(metrics, read);
    return [...(metrics.pageCapture?.dependencies ?? [])];
  }

  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
  const words = (count: number, word: string) =>
    Array.from({ length: count }, () => word).join(' ');

  it('leave lists, and the pages built on them, alone when an edit changes nothing they show', async () => {
    const ada = await makeUser('ada');
    const tag = `quiet${Date.now().toString(36)}`;
    // The excerpt is the first 200 characters: all "opening"; the edit changes only the ending.
    const body = `${words(60, 'opening')}\n\n${words(40, 'ending')}`;
    const article = await publish(ada, 'Quiet edits', body, { tags: [tag] });
    const lists = () =>
      Promise.all([
        listRecentArticles(),
        listTagArticles(tag),
        listAuthorArticles(ada.id, null),
        listAuthorArticles(ada.id, ada.id),
      ]);
    const listTags = await dependenciesOf(lists);
    expect(listTags).toEqual(
      expect.arrayContaining([
        tagOf(articleIndexes.recent.key('all')),
        tagOf(articleIndexes.tag.key(tag)),
      ]),
    );
    const pageTag = tagOf(articleKeys.view(article.id));
    const listStamps = await readStamps(listTags);
    const [pageStamp = 0] = await readStamps([pageTag]);
    await pause();

    const edited = await saveArticle(
      ada.viewer,
      article.id,
      { body: body.replace(/ending/g, 'closing') },
      'save',
    );
    expect(edited.ok).toBe(true);
    expect(await readStamps(listTags)).toEqual(listStamps);
    // The article's own page shows the body: it is stale.
    const [pageStampAfterEdit = 0] = await readStamps([pageTag]);
    expect(pageStampAfterEdit).toBeGreaterThan(pageStamp);
    await pause();

    // A save that changes nothing stamps nothing and keeps the version.
    const unchanged = await saveArticle(
      ada.viewer,
      article.id,
      { body: body.replace(/ending/g, 'closing'), title: 'Quiet edits', tags: [tag] },
      'save',
    );
    expect(unchanged.ok && edited.ok && unchanged.value.version).toBe(
      edited.ok && edited.value.version,
    );
    expect(await readStamps([pageTag])).toEqual([pageStampAfterEdit]);
    expect(await readStamps(listTags)).toEqual(listStamps);

    // A new title shows in every list: pages built on them are stale, and show it when rebuilt.
    const renamed = await saveArticle(ada.viewer, article.id, { title: 'Loud edits' }, 'save');
    expect(renamed.ok).toBe(true);
    const stampsAfterRename = await readStamps(listTags);
    expect(stampsAfterRename).not.toEqual(listStamps);
    for (const page of await lists()) {
      expect(page.cards.find((card) => card.article.id === article.id)?.article.title).toBe(
        'Loud edits',
      );
    }
    await pause();

    // A body edit that changes the excerpt shows in the lists too.
    const reworded = await saveArticle(
      ada.viewer,
      article.id,
      { body: body.replace(/opening/g, 'welcome') },
      'save',
    );
    expect(reworded.ok).toBe(true);
    expect(await readStamps(listTags)).not.toEqual(stampsAfterRename);
    const [recent] = await lists();
    expect(recent.cards.find((card) => card.article.id === article.id)?.article.excerpt).toMatch(
      /^welcome welcome/,
    );
  });

  it('move the article between tag lists when its tags change, stamping only those', async () => {
    const ada = await makeUser('ada');
    const [first, second] = ['a', 'b'].map((suffix) => `tags${Date.now().toString(36)}${suffix}`);
    const article = await publish(ada, 'Tagged', 'Some words.', { tags: [first] });
    await Promise.all([listTagArticles(first ?? ''), listTagArticles(second ?? '')]);
    const indexTags = [first ?? '', second ?? ''].map((tag) => tagOf(articleIndexes.tag.key(tag)));
    const before = await readStamps(indexTags);
    await pause();
    expect(await saveArticle(ada.viewer, article.id, { tags: [second] }, 'save')).toMatchObject({
      ok: true,
    });
    const after = await readStamps(indexTags);
    expect(after[0]).toBeGreaterThan(before[0] ?? 0);
    expect(after[1]).toBeGreaterThan(before[1] ?? 0);
    expect((await listTagArticles(first ?? '')).cards).toEqual([]);
    expect((await listTagArticles(second ?? '')).cards.map((card) => card.article.id)).toEqual([
      article.id,
    ]);
  });
});
