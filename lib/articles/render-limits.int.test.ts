import { describe, expect, it } from 'vitest';
import { inngest } from '@/lib/jobs/client';
import { localExecutor } from '@/jobs/runtime';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { articleIndexes, getArticleView } from './cache';
import { renderingRecheckRequested } from './events';
import { getArticlePage } from './get-article-page';
import { ArticleModel, ArticleSlugModel } from './models';
import { renderMarkdown } from './render-markdown';
import { createArticle, saveArticle } from './save-article';

setUpTestStores();

/** Bad today: 2,000 levels overflowed the stack (a 500) after seconds on the event loop. */
const DEEP_LIST = `${'- '.repeat(2_000)}x`;
const DEEP_QUOTE = `${'> '.repeat(2_000)}x`;

async function draftOf(author: Awaited<ReturnType<typeof makeUser>>, body: string) {
  const draft = await createArticle(author.viewer, { title: 'Nested', body });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  return draft.value;
}

describe('rendering limits on the write path', () => {
  it('refuses to publish an article nested too deeply, and stores nothing', async () => {
    const ada = await makeUser('ada');
    for (const body of [DEEP_LIST, DEEP_QUOTE]) {
      const draft = await draftOf(ada, body);
      const before = await ArticleModel.findById(draft.id).lean();
      const published = await saveArticle(ada.viewer, draft.id, {}, 'publish');
      expect(published).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { body: expect.stringMatching(/nested at most \d+ levels deep/) },
      });
      const after = await ArticleModel.findById(draft.id).lean();
      expect(after).toEqual(before);
      expect(await ArticleSlugModel.countDocuments({ articleId: draft.id })).toBe(0);
      expect(await getArticleView(draft.id)).toBeNull();
    }
  });

  it('refuses an edit of a published article that cannot be rendered, keeping the old version', async () => {
    const ada = await makeUser('ada');
    const draft = await draftOf(ada, 'Fine words.');
    const published = await saveArticle(ada.viewer, draft.id, {}, 'publish');
    if (!published.ok) throw new Error(JSON.stringify(published));
    const edited = await saveArticle(
      ada.viewer,
      draft.id,
      { body: DEEP_LIST, baseVersion: published.value.version },
      'save',
    );
    expect(edited).toMatchObject({ ok: false, code: 'invalid' });
    const stored = await ArticleModel.findById(draft.id).lean();
    expect(stored).toMatchObject({ body: 'Fine words.', version: published.value.version });
    expect((await getArticleView(draft.id))?.html).toContain('Fine words.');
  });

  it('still saves any text as a draft, so autosave never loses work', async () => {
    const ada = await makeUser('ada');
    const draft = await draftOf(ada, 'start');
    const saved = await saveArticle(ada.viewer, draft.id, { body: DEEP_LIST }, 'save');
    expect(saved).toMatchObject({ ok: true, value: { status: 'draft' } });
    expect((await ArticleModel.findById(draft.id).lean())?.body).toBe(DEEP_LIST);
  });

  it('reads an already stored unrenderable article as not found, quickly and repeatedly', async () => {
    const ada = await makeUser('ada');
    const draft = await draftOf(ada, DEEP_LIST);
    // Published by the code before these limits existed.
    await ArticleModel.updateOne(
      { _id: draft.id },
      { $set: { status: 'published', publishedAt: new Date(), slug: 'nested' } },
    );
    await ArticleSlugModel.create({ authorId: ada.id, slug: 'nested', articleId: draft.id });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = performance.now();
      expect(await getArticleView(draft.id)).toBeNull();
      expect(await getArticlePage(ada.usernameKey, 'nested', null)).toEqual({ kind: 'not-found' });
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

describe('renderMarkdown', () => {
  it('refuses what is too deep before parsing, and names the limit', async () => {
    const started = performance.now();
    const outcome = await renderMarkdown(`${'- '.repeat(20_000)}x`);
    expect(outcome).toEqual({
      ok: false,
      reason: 'too-deep',
      message: expect.stringMatching(/^Lists and quotes can be nested at most \d+ levels deep\.$/),
    });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('stops a render that takes too long, and keeps rendering afterwards', async () => {
    const outcome = await renderMarkdown(`${'['.repeat(32_000)}a${']'.repeat(32_000)}`);
    expect(outcome).toEqual({
      ok: false,
      reason: 'too-slow',
      message: expect.stringMatching(/^This article takes too long to render/),
    });
    const after = await renderMarkdown('Still **here**.');
    expect(after).toMatchObject({
      ok: true,
      value: { html: '<p>Still <strong>here</strong>.</p>' },
    });
  });

  it('renders ordinary Markdown as before: sanitised, highlighted, with an excerpt', async () => {
    const outcome = await renderMarkdown(
      '# Hi\n\nSome <script>alert(1)</script> text with [a link](https://example.com) and ' +
        '[bad](javascript:alert(1)).\n\n```js\nconst a = 1;\n```\n\n![img](https://example.com/a.png)',
    );
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.html).not.toContain('<script');
    expect(outcome.value.html).not.toContain('javascript:');
    expect(outcome.value.html).toContain('rel="nofollow noopener ugc"');
    expect(outcome.value.html).toContain('class="hljs language-js"');
    // An image from another host is not shown (issue 20.2: only our own images, with their size).
    expect(outcome.value.html).not.toContain('<img');
    expect(outcome.value.excerpt).toMatch(/^Hi Some .*text with a link and bad\./);
    expect(outcome.value.readingMinutes).toBe(1);
  });

  it('renders many requests at once through the pool', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => renderMarkdown(`Paragraph ${index}`)),
    );
    expect(outcomes.map((outcome) => outcome.ok && outcome.value.html)).toEqual(
      Array.from({ length: 20 }, (_, index) => `<p>Paragraph ${index}</p>`),
    );
  });
});

describe('the rendering recheck job', () => {
  it('takes stored articles that cannot be rendered back to draft, records why, and is idempotent', async () => {
    const ada = await makeUser('ada');
    const fine = await draftOf(ada, 'Perfectly *fine* words.');
    const fineArticle = await saveArticle(ada.viewer, fine.id, {}, 'publish');
    if (!fineArticle.ok) throw new Error(JSON.stringify(fineArticle));
    const hostile = await Promise.all([draftOf(ada, DEEP_LIST), draftOf(ada, DEEP_QUOTE)]);
    // Published by the code before these limits existed (no render on the way in).
    for (const [index, draft] of hostile.entries()) {
      await ArticleModel.updateOne(
        { _id: draft.id },
        { $set: { status: 'published', publishedAt: new Date(), slug: `nested-${index}` } },
      );
    }

    await inngest.send(renderingRecheckRequested.create({}));
    await localExecutor().idle();
    const run = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('recheck-article-rendering'),
    );
    expect(run?.status).toBe('completed');
    const output = run?.output as { withdrawn: { articleId: string; reason: string }[] };
    expect(output.withdrawn).toEqual(
      expect.arrayContaining(
        hostile.map(({ id }) => ({ articleId: id, authorId: ada.id, reason: 'too-deep' })),
      ),
    );
    expect(output.withdrawn.map(({ articleId }) => articleId)).not.toContain(fine.id);
    for (const { id } of hostile) {
      expect(await ArticleModel.findById(id).lean()).toMatchObject({
        status: 'draft',
        renderRefusal: 'too-deep',
      });
    }
    expect(await ArticleModel.findById(fine.id).lean()).toMatchObject({ status: 'published' });
    expect(await getArticleView(fine.id)).toMatchObject({ status: 'published' });
    const listed = (await articleIndexes.authorAll.page(ada.id, 50)).ids;
    expect(listed).toContain(fine.id);
    for (const { id } of hostile) expect(listed).not.toContain(id);

    // Again: nothing left to withdraw, nothing else changes.
    await inngest.send(renderingRecheckRequested.create({}));
    await localExecutor().idle();
    const again = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('recheck-article-rendering'),
    );
    expect(again?.status).toBe('completed');
    expect((again?.output as { withdrawn: unknown[] }).withdrawn).toEqual([]);
  });
});
