import { Types } from 'mongoose';
import { ArticleModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { forgetSavedOf, recordSavedChange } from './cache';
import { SavedArticleModel } from './model';

/*
 * Removing a deleted account's saved list, for jobs/delete-account.ts: the article ids are
 * collected (a memoised step result), then removed by them, so a replay finishes what a crash left.
 */

/** Articles the person saved. */
export async function collectSavedBy(userId: string, limit: number): Promise<string[]> {
  await connectDb();
  const rows = await SavedArticleModel.find(
    { userId: new Types.ObjectId(userId) },
    { articleId: 1 },
  )
    .limit(limit)
    .lean();
  return rows.map((row) => row.articleId.toString());
}

export async function purgeSaved(userId: string, articleIds: string[]): Promise<void> {
  await connectDb();
  await SavedArticleModel.deleteMany({
    userId: new Types.ObjectId(userId),
    articleId: { $in: articleIds.map((id) => new Types.ObjectId(id)) },
  });
  await forgetSavedOf(userId);
}

/** Someone's save of an article the deleted person wrote. */
export interface SaveToPurge {
  userId: string;
  articleId: string;
}

/**
 * Others' saves of the person's articles: taken out of their lists while the articles are still
 * known (before the articles go), so nothing of the person stays in anyone's list.
 */
export async function collectSavesOfArticlesBy(
  authorId: string,
  limit: number,
): Promise<SaveToPurge[]> {
  await connectDb();
  const articles = await ArticleModel.find(
    { authorId: new Types.ObjectId(authorId) },
    { _id: 1 },
  ).lean();
  if (articles.length === 0) return [];
  const rows = await SavedArticleModel.find(
    { articleId: { $in: articles.map((article) => article._id) } },
    { userId: 1, articleId: 1 },
  )
    .limit(limit)
    .lean();
  return rows.map((row) => ({
    userId: row.userId.toString(),
    articleId: row.articleId.toString(),
  }));
}

export async function purgeSavesOf(saves: SaveToPurge[]): Promise<void> {
  await connectDb();
  for (const { userId, articleId } of saves) {
    const removed = await SavedArticleModel.deleteOne({
      userId: new Types.ObjectId(userId),
      articleId: new Types.ObjectId(articleId),
    });
    if (removed.deletedCount > 0) await recordSavedChange(userId, articleId, { saved: false });
  }
}

/** How many saved articles still name the person (0 once purged). */
export async function countSavedTraces(userId: string): Promise<number> {
  await connectDb();
  return SavedArticleModel.countDocuments({ userId: new Types.ObjectId(userId) });
}
