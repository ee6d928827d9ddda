import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { withLock } from '@/lib/redis/lock';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, ok, type Result } from '@/lib/validation/result';
import { dropArticleView, dropAuthorDesks, syncArticleIndexes } from './cache';
import { toEditorArticle, type EditorArticle } from './editor-article';
import { articleWithdrawn } from './events';
import { ArticleModel, type Article } from './models';
import { renderMarkdown } from './render-markdown';
import type { RenderRefusal } from './render/limits';
import { withdrawOwnArticle } from './withdraw-own-article';

/** Takes a published article back to draft: it leaves every page, list and stream. */
export async function unpublishArticle(
  viewer: SignedIn,
  articleId: string,
): Promise<Result<EditorArticle>> {
  return withdrawOwnArticle(viewer, articleId, async (current) => {
    if (current.status !== 'published') return fail('conflict', 'This article is not published.');
    return ok(toEditorArticle(await takeBackToDraft(current, 'unpublished')));
  });
}

/**
 * The withdrawal itself (the caller holds the article's lock): draft again, out of every list,
 * and out of every stream by the job the event starts. `also` records why (a render refusal, a
 * moderator's hiding) in the same write.
 */
export async function takeBackToDraft(
  current: Article,
  reason: 'unpublished' | 'unrenderable' | 'hidden',
  also: { renderRefusal?: string | null; hiddenAt?: Date; scheduledFor?: null } = {},
) {
  const next = { ...current, status: 'draft' as const, version: current.version + 1 };
  const articleId = current._id.toString();
  const withdrawal = articleWithdrawn.create(
    { articleId, authorId: current.authorId.toString(), reason },
    { id: `article-withdrawn:${articleId}:${next.version}` },
  );
  await changeWithEvents(withdrawal, async () => {
    await ArticleModel.updateOne(
      { _id: current._id },
      { $set: { status: 'draft', version: next.version, renderRefusal: null, ...also } },
    );
    await dropArticleView(articleId);
    await syncArticleIndexes(current, next);
    await dropAuthorDesks(current.authorId.toString());
  });
  return next;
}

/**
 * Takes a published article that cannot be rendered back to draft, recording why (the rendering
 * recheck job). Re-reads it under its lock: one edited meanwhile is rendered again, not withdrawn.
 * Returns what it withdrew, or null when the article is no longer published or renders now.
 */
export async function unpublishUnrenderableArticle(
  articleId: string,
): Promise<{ articleId: string; authorId: string; reason: RenderRefusal } | null> {
  const withdrawn = await withLock(`article:${articleId}`, async () => {
    await connectDb();
    const current = await ArticleModel.findById(articleId).lean();
    if (!current || current.status !== 'published') return null;
    const rendered = await renderMarkdown(current.body);
    if (rendered.ok) return null;
    // Busy is nobody's fault: the job's step fails and is retried.
    if (rendered.reason === 'busy') throw new Error(rendered.message);
    await takeBackToDraft(current, 'unrenderable', { renderRefusal: rendered.reason });
    return { authorId: current.authorId.toString(), reason: rendered.reason };
  });
  if (!withdrawn) return null;
  return { articleId, authorId: withdrawn.authorId, reason: withdrawn.reason };
}
