import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { deleteArticle } from '@/lib/articles/delete-article';
import { ArticleModel } from '@/lib/articles/models';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { unpublishArticle } from '@/lib/articles/unpublish-article';
import { blockUser } from '@/lib/friends/block-user';
import { inngest } from '@/lib/jobs/client';
import { muteUser } from '@/lib/mutes/mute-user';
import { updateProfile } from '@/lib/profiles/update-profile';
import { befriendAs, publishAs, type Person } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { retryWhileBusy } from '@/lib/testing/while-busy';
import { searchSql, pointSearchEngineAt } from './engine';
import { searchRebuildRequested } from './events';
import { keyList, searchKey } from './keys';
import { search, SEARCH_UNAVAILABLE } from './search';
import { suggest } from './suggest';

setUpTestStores();

const settle = () => localExecutor().idle();
/** A word no other test (or worker, sharing the engine) uses. */
const word = () => `zq${randomBytes(5).toString('hex')}`;
/** A person in results carries a badge's fields and nothing else (no bio, no preferences). */
const BADGE = ['avatar', 'displayName', 'id', 'username', 'usernameKey'];

async function found(viewer: Person | null, q: string, extra: Record<string, unknown> = {}) {
  const result = await search(viewer?.id ?? null, { q, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value.articles.hits.map((hit) => hit.article.id);
}

describe('search', () => {
  it('finds a published article by title, tag and body, with a highlighted snippet', async () => {
    const author = await makeUser('srch');
    const [inTitle, inBody, tag] = [word(), word(), word().slice(0, 12)];
    const article = await publishAs(author, `Baking ${inTitle}`, settle, {
      body: `Long text before. The ${inBody} starter needs time.`,
      tags: [tag],
    });
    expect(await found(null, inTitle)).toEqual([article.id]);
    expect(await found(null, tag)).toEqual([article.id]);
    const result = await search(null, { q: inBody });
    const hit = result.ok ? result.value.articles.hits[0] : undefined;
    expect(hit?.snippet).toContainEqual({ text: inBody, match: true });
    expect(Object.keys(hit?.author ?? {}).sort()).toEqual(BADGE);
    expect(result.ok && result.value.tags).toEqual([]);
    const tagged = await search(null, { q: tag });
    expect(tagged.ok && tagged.value.tags).toEqual([{ tag, articleCount: 1 }]);
    // Filters: tag, author, dates.
    expect(await found(null, inTitle, { tag })).toEqual([article.id]);
    expect(await found(null, inTitle, { tag: 'other' })).toEqual([]);
    expect(await found(null, inTitle, { author: author.username })).toEqual([article.id]);
    expect(await found(null, inTitle, { from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect(await found(null, '', { author: author.username })).toEqual([article.id]);
  });

  it('finds people by the beginning of their username or display name', async () => {
    const person = await makeUser('findme');
    await settle();
    const name = word();
    expect(
      await updateProfile(person.viewer, { displayName: `Ada ${name}`, bio: '', links: [] }),
    ).toMatchObject({ ok: true });
    await settle();
    const byName = await search(null, { q: name.slice(0, 7) });
    expect(byName.ok && byName.value.people.map((p) => p.id)).toEqual([person.id]);
    expect(byName.ok && Object.keys(byName.value.people[0] ?? {}).sort()).toEqual(BADGE);
    expect(JSON.stringify(byName)).not.toContain('debugPanel');
    const byUsername = await suggest(null, { q: person.username.slice(0, 12) });
    expect(byUsername.ok && byUsername.value.suggestions.map((s) => s.href)).toContain(
      `/u/${person.usernameKey}`,
    );
  });

  it('shows friends-only articles to friends and the author only; drafts and unlisted to nobody', async () => {
    const author = await makeUser('own');
    const friend = await makeUser('frd');
    const stranger = await makeUser('str');
    const blocked = await makeUser('blk');
    const muter = await makeUser('mut');
    await befriendAs(author, friend, settle);
    await befriendAs(author, blocked, settle);
    const [secret, open, hidden, draft] = [word(), word(), word(), word()];
    const friendsOnly = await publishAs(author, `Friends ${secret}`, settle, {
      visibility: 'friends',
    });
    const publicOne = await publishAs(author, `Public ${open}`, settle);
    await publishAs(author, `Unlisted ${hidden}`, settle, { visibility: 'unlisted' });
    await createArticle(author.viewer, { title: `Draft ${draft}`, body: 'Not yet.' });
    await blockUser(author.id, blocked.id);
    await muteUser(muter.id, author.id);
    await settle();
    expect(await found(author, secret)).toEqual([friendsOnly.id]);
    expect(await found(friend, secret)).toEqual([friendsOnly.id]);
    expect(await found(stranger, secret)).toEqual([]);
    expect(await found(null, secret)).toEqual([]);
    expect(await found(blocked, secret)).toEqual([]);
    expect(await found(blocked, open)).toEqual([]);
    expect(await found(muter, open)).toEqual([]);
    expect(await found(stranger, open)).toEqual([publicOne.id]);
    expect(await found(author, hidden)).toEqual([]);
    expect(await found(author, draft)).toEqual([]);
    // People in a block with the reader are not found either; everyone else is.
    const owner = (viewer: Person) => search(viewer.id, { q: author.username });
    const notFound = await owner(blocked);
    expect(notFound.ok && notFound.value.people).toEqual([]);
    const seen = await owner(stranger);
    expect(seen.ok && seen.value.people.map((p) => p.id)).toEqual([author.id]);
    const titles = await suggest(stranger.id, { q: secret });
    expect(titles.ok && titles.value.suggestions).toEqual([]);
  });

  it('follows edits, visibility changes, unpublishing and deletion through the jobs', async () => {
    const author = await makeUser('edit');
    const [before, after] = [word(), word()];
    const article = await publishAs(author, `First ${before}`, settle, { body: 'Plain words.' });
    const edit = (changes: Record<string, unknown>) =>
      retryWhileBusy(() => saveArticle(author.viewer, article.id, changes, 'save'));
    expect(await edit({ title: `Second ${after}` })).toMatchObject({ ok: true });
    await settle();
    expect(await found(null, before)).toEqual([]);
    expect(await found(null, after)).toEqual([article.id]);
    await edit({ visibility: 'friends' });
    await settle();
    expect(await found(null, after)).toEqual([]);
    await edit({ visibility: 'public' });
    await settle();
    expect(await found(null, after)).toEqual([article.id]);
    await unpublishArticle(author.viewer, article.id);
    await settle();
    expect(await found(author, after)).toEqual([]);
    const indexed = await searchSql(`SELECT id FROM articles WHERE id = ${searchKey(article.id)}`);
    expect(indexed[0]).toEqual([]);
    const second = await publishAs(author, `Third ${after}`, settle);
    await deleteArticle(author.viewer, second.id);
    await settle();
    expect(await found(author, after)).toEqual([]);
  });

  it('pages through many results, ten at a time, within a date range', async () => {
    const [first, second] = [await makeUser('pg1'), await makeUser('pg2')];
    const term = word();
    for (let index = 0; index < 12; index += 1)
      await publishAs(index % 2 ? first : second, `Page ${index} ${term}`, async () => {});
    await settle();
    const today = new Date().toISOString().slice(0, 10);
    const one = await search(null, { q: term, from: today, to: today });
    const two = await search(null, { q: term, from: today, page: '2' });
    expect(one.ok && one.value.articles).toMatchObject({ total: 12, page: 1, pages: 2 });
    expect(one.ok && one.value.articles.hits).toHaveLength(10);
    expect(two.ok && two.value.articles.hits).toHaveLength(2);
    const ids = [one, two].flatMap((page) =>
      page.ok ? page.value.articles.hits.map((hit) => hit.article.id) : [],
    );
    expect(new Set(ids).size).toBe(12);
    expect(await search(null, { q: term, page: '51' })).toMatchObject({ ok: false });
  });

  it('never shows a hit MongoDB no longer allows, even before the index catches up', async () => {
    const author = await makeUser('lag');
    const term = word();
    const article = await publishAs(author, `Lagging ${term}`, settle);
    // Changed behind the jobs' back: the index still holds it.
    await ArticleModel.updateOne({ _id: article.id }, { $set: { status: 'draft' } });
    const { dropArticleView } = await import('@/lib/articles/cache');
    await dropArticleView(article.id);
    expect(await found(null, term)).toEqual([]);
  });

  it('rebuilds an emptied index from MongoDB', async () => {
    const author = await makeUser('rebuild');
    const term = word();
    const article = await publishAs(author, `Rebuilt ${term}`, settle);
    await searchSql(`DELETE FROM articles WHERE id = ${keyList([searchKey(article.id)])}`);
    await searchSql(`DELETE FROM people WHERE id = ${keyList([searchKey(author.id)])}`);
    expect(await found(null, term)).toEqual([]);
    await inngest.send(searchRebuildRequested.create({}));
    await settle();
    expect(await found(null, term)).toEqual([article.id]);
    const people = await search(null, { q: author.username });
    expect(people.ok && people.value.people.map((p) => p.id)).toEqual([author.id]);
  });

  it('says so when the engine is down, and catches up once it is back', async () => {
    const author = await makeUser('down');
    const term = word();
    await pointSearchEngineAt('mysql://127.0.0.1:9');
    try {
      const started = Date.now();
      expect(await search(null, { q: term })).toMatchObject({
        ok: false,
        code: 'unavailable',
        formError: SEARCH_UNAVAILABLE,
      });
      expect(await suggest(null, { q: term })).toMatchObject({ ok: false, code: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(3_000);
      // Writing still works: the index job fails and is retried.
      const draft = await publishAs(author, `Offline ${term}`, async () => {});
      expect(draft.status).toBe('published');
    } finally {
      await pointSearchEngineAt(undefined);
    }
    await settle();
    expect((await found(null, term)).length).toBe(1);
  });
});
