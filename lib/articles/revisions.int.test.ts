import { describe, expect, it } from 'vitest';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { getArticlePage } from './get-article-page';
import { keepRevision } from './keep-revision';
import { ArticleModel } from './models';
import { restoreRevision } from './restore-revision';
import { ArticleRevisionModel, REVISIONS_KEPT } from './revision-model';
import { compareRevision, listRevisions } from './revisions';
import { createArticle, saveArticle } from './save-article';
import { deleteArticle } from './delete-article';

setUpTestStores();

type Author = Awaited<ReturnType<typeof makeUser>>;

async function publishedBy(author: Author, title: string, body: string) {
  const draft = await createArticle(author.viewer, { title, body, tags: 'sea' });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const out = await saveArticle(author.viewer, draft.value.id, {}, 'publish');
  if (!out.ok) throw new Error(JSON.stringify(out));
  return out.value;
}

async function update(author: Author, id: string, changes: Record<string, unknown>) {
  const out = await saveArticle(author.viewer, id, changes, 'save');
  if (!out.ok) throw new Error(JSON.stringify(out));
  return out.value;
}

describe('revisions of a published article', () => {
  it('keeps each replaced version, newest first, and none for drafts or unchanged saves', async () => {
    const ada = await makeUser('ada');
    const draft = await createArticle(ada.viewer, { title: 'Draft', body: 'One.' });
    if (!draft.ok) throw new Error('no draft');
    await update(ada, draft.value.id, { body: 'Two.' });
    expect(await ArticleRevisionModel.countDocuments({ articleId: draft.value.id })).toBe(0);

    const article = await publishedBy(ada, 'Tides', 'The sea rose.\nGulls over the harbour.');
    const second = await update(ada, article.id, { body: 'The sea rose.\nGulls over the bay.' });
    // An autosave or a second "Update" with nothing new keeps nothing more.
    await update(ada, article.id, { body: 'The sea rose.\nGulls over the bay.' });
    await update(ada, article.id, { title: 'Tides, again', tags: 'sea, coast' });

    const history = await listRevisions(ada.id, article.id);
    if (!history.ok) throw new Error(JSON.stringify(history));
    expect(history.value.article).toMatchObject({ title: 'Tides, again', status: 'published' });
    expect(history.value.revisions.map((row) => [row.version, row.title])).toEqual([
      [second.version, 'Tides'],
      [article.version, 'Tides'],
    ]);
    const kept = await ArticleRevisionModel.findOne({ articleId: article.id, version: 2 }).lean();
    expect(kept).toMatchObject({
      body: 'The sea rose.\nGulls over the harbour.',
      tags: ['sea'],
      visibility: 'public',
    });
    expect(kept?.savedBy.toString()).toBe(ada.id);

    // An article without tags keeps its (empty) tag list too.
    const untagged = await createArticle(ada.viewer, { title: 'Bare', body: 'No tags.' });
    if (!untagged.ok) throw new Error('no draft');
    const bare = await saveArticle(ada.viewer, untagged.value.id, {}, 'publish');
    if (!bare.ok) throw new Error(JSON.stringify(bare));
    await update(ada, bare.value.id, { body: 'No tags, edited.' });
    expect(await compareRevision(ada.id, bare.value.id, bare.value.version)).toMatchObject({
      ok: true,
      value: { tags: { before: [], now: [] }, visibility: { before: 'public' } },
    });

    const compared = await compareRevision(ada.id, article.id, article.version);
    expect(compared).toMatchObject({
      ok: true,
      value: {
        title: { before: 'Tides', now: 'Tides, again' },
        tags: { before: ['sea'], now: ['sea', 'coast'] },
        body: [
          { kind: 'same', text: 'The sea rose.\nGulls over the ' },
          { kind: 'removed', text: 'harbour.' },
          { kind: 'added', text: 'bay.' },
        ],
      },
    });
    expect(await compareRevision(ada.id, article.id, 99)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('restores a version as a new update that keeps the one it replaces, with the stale-version check', async () => {
    const ada = await makeUser('ada');
    const article = await publishedBy(ada, 'Tides', 'First words.');
    const second = await update(ada, article.id, { body: 'Second words.' });
    const third = await update(ada, article.id, { body: 'Third words.' });

    // Based on an older version than the stored one: refused, nothing changes.
    const stale = await restoreRevision(ada.viewer, article.id, {
      version: article.version,
      baseVersion: second.version,
    });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    expect(await restoreRevision(ada.viewer, article.id, { version: 'one' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await restoreRevision(ada.viewer, article.id, { version: 77 })).toMatchObject({
      ok: false,
      code: 'not-found',
    });

    const restored = await restoreRevision(ada.viewer, article.id, {
      version: article.version,
      baseVersion: third.version,
    });
    expect(restored).toMatchObject({
      ok: true,
      value: { body: 'First words.', status: 'published', version: third.version + 1 },
    });
    // Readers get the restored text at once (the cached rendering was replaced).
    const page = await getArticlePage(ada.usernameKey, article.slug, null);
    expect(JSON.stringify(page)).toContain('First words.');
    // The replaced text ("Third words.") is itself kept and can be restored back.
    const history = await listRevisions(ada.id, article.id);
    if (!history.ok) throw new Error('no history');
    expect(history.value.revisions.map((row) => row.version)).toEqual([
      third.version,
      second.version,
      article.version,
    ]);
    const back = await restoreRevision(ada.viewer, article.id, { version: third.version });
    expect(back).toMatchObject({ ok: true, value: { body: 'Third words.' } });
  });

  it('shows and restores nothing of another person’s article: not found', async () => {
    const [ada, eve] = [await makeUser('ada'), await makeUser('eve')];
    const article = await publishedBy(ada, 'Private thoughts', 'Mine.');
    await update(ada, article.id, { body: 'Mine, edited.' });
    const notFound = { ok: false, code: 'not-found' };
    expect(await listRevisions(eve.id, article.id)).toMatchObject(notFound);
    expect(await compareRevision(eve.id, article.id, article.version)).toMatchObject(notFound);
    expect(
      await restoreRevision(eve.viewer, article.id, { version: article.version }),
    ).toMatchObject(notFound);
    expect(await listRevisions(ada.id, 'not-an-id')).toMatchObject(notFound);
    expect((await ArticleModel.findById(article.id).lean())?.body).toBe('Mine, edited.');
  });

  it('keeps at most REVISIONS_KEPT versions (the oldest go), and deleting the article removes them', async () => {
    const ada = await makeUser('ada');
    const article = await publishedBy(ada, 'Long lived', 'Version 0.');
    const stored = await ArticleModel.findById(article.id).lean();
    if (!stored) throw new Error('no article');
    // Straight through the keep step: the per-hour limit on updates would stop real saves.
    for (let version = 1; version <= REVISIONS_KEPT + 5; version++)
      await keepRevision({ ...stored, version, body: `Version ${version}.` });
    const versions = (
      await ArticleRevisionModel.find({ articleId: article.id }, { version: 1 }).lean()
    ).map((row) => row.version);
    expect(versions).toHaveLength(REVISIONS_KEPT);
    expect(Math.min(...versions)).toBe(6);
    expect(Math.max(...versions)).toBe(REVISIONS_KEPT + 5);
    // Kept twice for the same version (a save retried): still one.
    await keepRevision({ ...stored, version: REVISIONS_KEPT + 5, body: 'Other.' });
    expect(
      await ArticleRevisionModel.find({
        articleId: article.id,
        version: REVISIONS_KEPT + 5,
      }).lean(),
    ).toMatchObject([{ body: `Version ${REVISIONS_KEPT + 5}.` }]);

    expect((await deleteArticle(ada.viewer, article.id)).ok).toBe(true);
    expect(await ArticleRevisionModel.countDocuments({ articleId: article.id })).toBe(0);
  });
});
