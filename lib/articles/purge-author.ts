import { Types } from 'mongoose';
import { dropCached, forgetCached } from '@/lib/cache/cache-aside';
import { withStamps } from '@/lib/cache/change-clock';
import { connectDb } from '@/lib/db/connection';
import { deleteArticleInlineImages } from '@/lib/media/inline-images';
import { deleteOwnerImages } from '@/lib/media/renditions';
import { clearRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { durableRedis, sendToBoth } from '@/lib/redis';
import { articleIndexes, articleKeys, markCountersDirty, syncArticleIndexes } from './cache';
import { likersCache } from './likers-cache';
import { ArticleModel, ArticleSlugModel, CommentModel, LikeModel, type Visibility } from './models';
import { ArticleRevisionModel } from './revision-model';

/*
 * Removing what a deleted account wrote, for jobs/delete-account.ts. Each kind is collected (a
 * step's memoised result) and then removed by those ids, so a replayed removal does the same work
 * again and finds what a crash left half done.
 */

/** What removing an article needs to know once its document is gone. */
export interface ArticleToPurge {
  id: string;
  visibility: Visibility;
  tags: string[];
  slugs: string[];
}

export async function collectAuthorArticles(
  authorId: string,
  limit: number,
): Promise<ArticleToPurge[]> {
  await connectDb();
  const rows = await ArticleModel.find(
    { authorId: new Types.ObjectId(authorId) },
    { visibility: 1, tags: 1 },
  )
    .limit(limit)
    .lean();
  if (rows.length === 0) return [];
  const slugs = await ArticleSlugModel.find(
    { articleId: { $in: rows.map((row) => row._id) } },
    { articleId: 1, slug: 1 },
  ).lean();
  return rows.map((row) => ({
    id: row._id.toString(),
    visibility: row.visibility,
    tags: [...row.tags],
    slugs: slugs.filter((slug) => slug.articleId.equals(row._id)).map((slug) => slug.slug),
  }));
}

/**
 * Removes articles: the document first (so no reader rebuilds it meanwhile), then its slugs,
 * comments, likes, kept versions, cover and images, counters, cached objects and list entries, all by id.
 */
export async function purgeArticles(authorId: string, articles: ArticleToPurge[]): Promise<void> {
  await connectDb();
  const ids = articles.map((article) => new Types.ObjectId(article.id));
  await ArticleModel.deleteMany({ _id: { $in: ids } });
  // The like-toggle windows name the article: read who liked before the likes go.
  const likes = await LikeModel.find(
    { articleId: { $in: ids } },
    { articleId: 1, userId: 1 },
  ).lean();
  await clearRateLimits(
    [authorId, ...likes.map((like) => like.userId.toString())].flatMap((userId) =>
      ids.map((id) => `${userId}:${id.toString()}`),
    ),
    [RATE_LIMITS.likeTogglesPerArticle],
  );
  await Promise.all([
    ArticleSlugModel.deleteMany({ articleId: { $in: ids } }),
    CommentModel.deleteMany({ articleId: { $in: ids } }),
    LikeModel.deleteMany({ articleId: { $in: ids } }),
    ArticleRevisionModel.deleteMany({ articleId: { $in: ids } }),
    ...articles.map((article) => deleteOwnerImages('cover', article.id)),
    ...articles.map((article) => deleteArticleInlineImages(article.id)),
  ]);
  for (const article of articles) {
    // Taken out of every list it could be in (removing what is not there changes nothing).
    const listing = {
      _id: new Types.ObjectId(article.id),
      authorId: new Types.ObjectId(authorId),
      status: 'published' as const,
      visibility: article.visibility,
      tags: article.tags,
      publishedAt: null,
    };
    await syncArticleIndexes(listing, null);
    await forgetCached(
      articleKeys.view(article.id),
      articleKeys.card(article.id),
      articleKeys.comments(article.id),
      ...article.slugs.map((slug) => articleKeys.slug(authorId, slug)),
      ...likersCache.keysOf(article.id),
    );
  }
  const store = durableRedis();
  await store.all([
    ...articles.map((article) => store.cmd.del(articleKeys.views(article.id))),
    store.cmd.srem(
      articleKeys.dirtyCounters,
      articles.map((article) => article.id),
    ),
  ]);
}

/**
 * Once none of their articles is left: any slug or kept version still naming them, their lists and
 * their dashboard's list (or the change marker a late write left in its place).
 */
export async function finishAuthor(authorId: string): Promise<void> {
  await connectDb();
  await Promise.all([
    ArticleSlugModel.deleteMany({ authorId: new Types.ObjectId(authorId) }),
    ArticleRevisionModel.deleteMany({ authorId: new Types.ObjectId(authorId) }),
  ]);
  await forgetCached(
    ...articleIndexes.authorPublic.keysOf(authorId),
    ...articleIndexes.authorAll.keysOf(authorId),
    articleKeys.desk(authorId),
  );
}

export interface CommentToPurge {
  id: string;
  articleId: string;
}

/** Comments the person wrote on other people's articles (those on their own go with the article). */
export async function collectCommentsBy(userId: string, limit: number): Promise<CommentToPurge[]> {
  await connectDb();
  const rows = await CommentModel.find({ authorId: new Types.ObjectId(userId) }, { articleId: 1 })
    .limit(limit)
    .lean();
  return rows.map((row) => ({ id: row._id.toString(), articleId: row.articleId.toString() }));
}

/**
 * Removes comments with every reply under them (a reply without its comment is never shown, as when
 * a comment is deleted), then drops the threads and recounts the articles' comments.
 */
export async function purgeComments(comments: CommentToPurge[]): Promise<void> {
  if (comments.length === 0) return;
  await connectDb();
  const ids = comments.map((comment) => new Types.ObjectId(comment.id));
  await CommentModel.deleteMany({
    $or: [{ _id: { $in: ids } }, { parentId: { $in: ids } }, { ancestorIds: { $in: ids } }],
  });
  const articleIds = [...new Set(comments.map((comment) => comment.articleId))];
  await dropCached(...articleIds.map(articleKeys.comments));
  await durableRedis().all(articleIds.map((articleId) => markCountersDirty(articleId)));
}

/** Articles the person liked (likes on their own articles go with the article). */
export async function collectLikesBy(userId: string, limit: number): Promise<string[]> {
  await connectDb();
  const rows = await LikeModel.find({ userId: new Types.ObjectId(userId) }, { articleId: 1 })
    .limit(limit)
    .lean();
  return rows.map((row) => row.articleId.toString());
}

/** Removes the person's likes: out of each likers set (counts shown at once), counters recounted. */
export async function purgeLikes(userId: string, articleIds: string[]): Promise<void> {
  if (articleIds.length === 0) return;
  await connectDb();
  await LikeModel.deleteMany({
    userId: new Types.ObjectId(userId),
    articleId: { $in: articleIds.map((id) => new Types.ObjectId(id)) },
  });
  await sendToBoth(
    withStamps(articleIds.map((articleId) => likersCache.change(articleId, 'remove', [userId]))),
    articleIds.map((articleId) => markCountersDirty(articleId)),
  );
  await clearRateLimits(
    articleIds.map((articleId) => `${userId}:${articleId}`),
    [RATE_LIMITS.likeTogglesPerArticle],
  );
}

/** How many documents of the articles domain still name the person (0 once purged). */
export async function countAuthorTraces(userId: string): Promise<number> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const counts = await Promise.all([
    ArticleModel.countDocuments({ authorId: id }),
    ArticleSlugModel.countDocuments({ authorId: id }),
    CommentModel.countDocuments({ authorId: id }),
    LikeModel.countDocuments({ userId: id }),
    ArticleRevisionModel.countDocuments({ authorId: id }),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}
