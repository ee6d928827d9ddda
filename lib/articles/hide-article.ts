import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { withLock } from '@/lib/redis/lock';
import { dropAuthorDesks } from './cache';
import { ArticleModel } from './models';
import { takeBackToDraft } from './unpublish-article';

export interface HiddenArticle {
  articleId: string;
  authorId: string;
}

/**
 * A moderator's hiding (lib/moderation): the article is taken back to draft as an unpublication
 * is (its cached object dropped, out of every list, the sitemap and feeds at once, out of every
 * stream by the job its `article/withdrawn` event starts), marked hidden so its author cannot
 * publish or schedule it again, and its schedule, if any, is dropped. Hiding twice changes nothing.
 */
export async function hideArticle(articleId: string): Promise<HiddenArticle | null> {
  if (!Types.ObjectId.isValid(articleId)) return null;
  return withLock(`article:${articleId}`, async () => {
    await connectDb();
    const current = await ArticleModel.findById(articleId).lean();
    if (!current) return null;
    const authorId = current.authorId.toString();
    if (current.status === 'published') {
      await takeBackToDraft(current, 'hidden', { hiddenAt: new Date(), scheduledFor: null });
    } else if (!current.hiddenAt) {
      await ArticleModel.updateOne(
        { _id: current._id },
        { $set: { hiddenAt: new Date(), scheduledFor: null }, $inc: { version: 1 } },
      );
      await dropAuthorDesks(authorId);
    }
    return { articleId, authorId };
  });
}

/** Lifts a moderator's hiding (an appeal granted): the author may publish the draft again. */
export async function liftArticleHiding(articleId: string): Promise<boolean> {
  if (!Types.ObjectId.isValid(articleId)) return false;
  await connectDb();
  const article = await ArticleModel.findOneAndUpdate(
    { _id: new Types.ObjectId(articleId) },
    { $set: { hiddenAt: null } },
    // No projection: FerretDB v1 does not implement `fields` in findAndModify.
    { returnDocument: 'after' },
  ).lean();
  if (!article) return false;
  await dropAuthorDesks(article.authorId.toString());
  return true;
}

/** What an author trying to publish a hidden article is told. */
export const HIDDEN_ARTICLE_MESSAGE =
  'A moderator hid this article, so it cannot be published again. Your notifications say why, and how to appeal.';
