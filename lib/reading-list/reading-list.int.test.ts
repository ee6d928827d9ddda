import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { deleteArticle } from '@/lib/articles/delete-article';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { unpublishArticle } from '@/lib/articles/unpublish-article';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { blockUser } from '@/lib/friends/block-user';
import { endFriendship } from '@/lib/friends/end-friendship';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { isSaved, SAVED_CAP, savedIndex } from './cache';
import { listSaved } from './list-saved';
import { SavedArticleModel } from './model';
import { collectSavedBy, countSavedTraces, purgeSaved } from './purge-user';
import { saveArticleForLater } from './save-article';
import { unsaveArticle } from './unsave-article';
import { cacheRedis } from '@/lib/redis';

type Person = Awaited<ReturnType<typeof makeUser>>;

setUpTestStores();

async function publish(author: Person, title: string, extra: Record<string, unknown> = {}) {
  const draft = await createArticle(author.viewer, { title, body: `About ${title}.`, ...extra });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const published = await saveArticle(author.viewer, draft.value.id, {}, 'publish');
  if (!published.ok) throw new Error(JSON.stringify(published));
  return { ...published.value, id: draft.value.id };
}

async function befriend(a: Person, b: Person) {
  await sendFriendRequest(a.id, b.id);
  await acceptFriendRequest(b.id, a.id);
}

const titles = async (reader: Person) =>
  (await listSaved(reader.id)).cards.map((card) => card.article.title);

/** Runs `read` twice, and returns how many MongoDB commands the second (warm) run sent. */
async function warmMongoCommands(read: () => Promise<unknown>): Promise<number> {
  await read();
  const metrics = createRequestContext('warm');
  await runWithRequestContext(metrics, read);
  return metrics.mongo.commands;
}

describe('the reading list', () => {
  it('saves and removes idempotently, newest saved first, for the reader alone', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const first = await publish(ada, 'First to save');
    const second = await publish(ada, 'Second to save');
    expect(await saveArticleForLater(bob.viewer, first.id)).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(await saveArticleForLater(bob.viewer, second.id)).toMatchObject({ ok: true });
    // Again: still one of each, the first time of saving kept.
    expect(await saveArticleForLater(bob.viewer, first.id)).toMatchObject({ ok: true });
    expect(await SavedArticleModel.countDocuments({ articleId: first.id })).toBe(1);
    expect(await titles(bob)).toEqual(['Second to save', 'First to save']);
    expect(await isSaved(bob.id, first.id)).toBe(true);
    // Nobody else's list or state shows it.
    expect(await titles(cat)).toEqual([]);
    expect(await isSaved(cat.id, first.id)).toBe(false);

    expect(await unsaveArticle(bob.viewer, first.id)).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(await unsaveArticle(bob.viewer, first.id)).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(await titles(bob)).toEqual(['Second to save']);
    expect(await isSaved(bob.id, first.id)).toBe(false);
    // A cold index is rebuilt from MongoDB with the same answer.
    await cacheRedis().all(savedIndex.keysOf(bob.id).map((key) => cacheRedis().cmd.del(key)));
    expect(await isSaved(bob.id, second.id)).toBe(true);
    expect(await titles(bob)).toEqual(['Second to save']);
  });

  it('refuses what the reader may not read, and bad ids, with a message', async () => {
    const [ada, stranger, blocked] = await Promise.all([
      makeUser('ada'),
      makeUser('stranger'),
      makeUser('blocked'),
    ]);
    const friendsOnly = await publish(ada, 'For friends', { visibility: 'friends' });
    const open = await publish(ada, 'For all');
    expect(await saveArticleForLater(stranger.viewer, friendsOnly.id)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await isSaved(stranger.id, friendsOnly.id)).toBe(false);
    await blockUser(ada.id, blocked.id);
    expect(await saveArticleForLater(blocked.viewer, open.id)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await saveArticleForLater(stranger.viewer, 'not-an-id')).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await SavedArticleModel.countDocuments({ userId: stranger.id })).toBe(0);
  });

  it('leaves out articles the reader can no longer see, and reads a warm list from Redis alone', async () => {
    const [ada, bob, dan] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('dan')]);
    await befriend(ada, bob);
    await befriend(dan, bob);
    const friendsOnly = await publish(ada, 'Friends-only piece', { visibility: 'friends' });
    const toUnpublish = await publish(ada, 'Will be unpublished');
    const toDelete = await publish(ada, 'Will be deleted');
    const byDan = await publish(dan, 'Dan writes');
    const kept = await publish(ada, 'Stays readable', { visibility: 'unlisted' });
    for (const article of [friendsOnly, toUnpublish, toDelete, byDan, kept])
      expect(await saveArticleForLater(bob.viewer, article.id)).toMatchObject({ ok: true });
    expect(await titles(bob)).toEqual([
      'Stays readable',
      'Dan writes',
      'Will be deleted',
      'Will be unpublished',
      'Friends-only piece',
    ]);

    expect(await warmMongoCommands(() => listSaved(bob.id))).toBe(0);
    expect(await warmMongoCommands(() => isSaved(bob.id, kept.id))).toBe(0);

    expect(await unpublishArticle(ada.viewer, toUnpublish.id)).toMatchObject({ ok: true });
    expect(await deleteArticle(ada.viewer, toDelete.id)).toMatchObject({ ok: true });
    expect(await endFriendship(bob.id, ada.id, 'unfriend')).toMatchObject({ ok: true });
    await blockUser(dan.id, bob.id);
    expect(await titles(bob)).toEqual(['Stays readable']);
    expect(await warmMongoCommands(() => listSaved(bob.id))).toBe(0);
    // Still saved: it comes back if they become friends again.
    await befriend(ada, bob);
    expect(await titles(bob)).toEqual(['Stays readable', 'Friends-only piece']);
  });

  it('holds at most SAVED_CAP articles, and says so', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'One too many');
    const now = Date.now();
    await SavedArticleModel.insertMany(
      Array.from({ length: SAVED_CAP }, (_, index) => ({
        userId: new Types.ObjectId(bob.id),
        articleId: new Types.ObjectId(),
        savedAt: new Date(now - index * 1_000),
      })),
    );
    const refused = await saveArticleForLater(bob.viewer, article.id);
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
    expect(refused.ok ? '' : refused.formError).toMatch(/full \(1,000 articles\)\. Remove some/);
    expect(await isSaved(bob.id, article.id)).toBe(false);
  });

  it('is removed with its owner’s account', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'Saved then gone');
    await saveArticleForLater(bob.viewer, article.id);
    expect(await countSavedTraces(bob.id)).toBe(1);
    await purgeSaved(bob.id, await collectSavedBy(bob.id, 100));
    expect(await countSavedTraces(bob.id)).toBe(0);
    expect(await isSaved(bob.id, article.id)).toBe(false);
  });
});
