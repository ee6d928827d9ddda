import 'server-only';
import { Types } from 'mongoose';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { deleteArticleInlineImages } from '@/lib/media/inline-images';
import { deleteRenditions } from '@/lib/media/renditions';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, type Result } from '@/lib/validation/result';
import { articleKeys, dropArticleView, dropAuthorDesks, syncArticleIndexes } from './cache';
import { articleWithdrawn } from './events';
import { ArticleModel, ArticleSlugModel, CommentModel, LikeModel } from './models';
import { ArticleRevisionModel } from './revision-model';
import { withdrawOwnArticle } from './withdraw-own-article';

/** Deletes an article with its slugs, comments, likes, kept versions, cover and images, and drops it everywhere. */
export async function deleteArticle(
  viewer: SignedIn,
  articleId: string,
): Promise<Result<{ deleted: true }>> {
  return withdrawOwnArticle(viewer, articleId, async (current) => {
    const id = new Types.ObjectId(articleId);
    // Only a published article reached streams: a draft's deletion has nothing to retract.
    const withdrawal =
      current.status === 'published'
        ? articleWithdrawn.create(
            { articleId, authorId: viewer.user.id, reason: 'deleted' },
            { id: `article-withdrawn:${articleId}:deleted` },
          )
        : null;
    await changeWithEvents(withdrawal, async () => {
      const slugs = await ArticleSlugModel.find({ articleId: id }, { slug: 1 }).lean();
      await ArticleModel.deleteOne({ _id: id });
      await Promise.all([
        ArticleSlugModel.deleteMany({ articleId: id }),
        CommentModel.deleteMany({ articleId: id }),
        LikeModel.deleteMany({ articleId: id }),
        ArticleRevisionModel.deleteMany({ articleId: id }),
        deleteRenditions('cover', articleId, current.cover),
        deleteArticleInlineImages(articleId),
      ]);
      await dropArticleView(
        articleId,
        ...slugs.map((row) => articleKeys.slug(viewer.user.id, row.slug)),
      );
      await syncArticleIndexes(current, null);
      await dropAuthorDesks(viewer.user.id);
    });
    return ok({ deleted: true as const });
  });
}
