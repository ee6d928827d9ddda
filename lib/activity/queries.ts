/** Read queries over recorded activities (the jobs use them to fill and clean streams). */
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { ArticleModel } from '@/lib/articles/models';
import { findByIds } from '@/lib/db/find-by-ids';
import { ActivityModel } from './model';

/** Ids of every activity about an article (its publication, comments, likes). */
export async function activityIdsOfArticle(articleId: string): Promise<string[]> {
  await connectDb();
  const rows = await ActivityModel.find(
    { articleId: new Types.ObjectId(articleId) },
    { _id: 1 },
  ).lean();
  return rows.map((row) => row._id.toString());
}

/**
 * Of these publication activities, those whose article is listed: an unlisted article's
 * publication is in no stream (read only when a stream is filled from MongoDB).
 */
export async function listedPublications<T extends { articleId?: Types.ObjectId | null }>(
  rows: T[],
): Promise<T[]> {
  const articleIds = rows.flatMap((row) => (row.articleId ? [row.articleId] : []));
  if (articleIds.length === 0) return rows;
  const articles = await findByIds(ArticleModel, articleIds, { _id: 1, visibility: 1 });
  const unlisted = articles.filter((row) => row.visibility === 'unlisted');
  if (unlisted.length === 0) return rows;
  const hidden = new Set(unlisted.map((row) => row._id.toString()));
  return rows.filter((row) => !row.articleId || !hidden.has(row.articleId.toString()));
}

function publishedActivities(actorId: string, limit: number) {
  return ActivityModel.find(
    { actorId: new Types.ObjectId(actorId), verb: 'published' },
    { createdAt: 1, articleId: 1 },
  )
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();
}

/**
 * Someone's recent publications of listed articles with their times, newest first (backfilling
 * a new friend's stream).
 */
export async function recentPublishedActivities(
  actorId: string,
  limit: number,
): Promise<{ id: string; at: number }[]> {
  await connectDb();
  const rows = await listedPublications(await publishedActivities(actorId, limit));
  return rows.map((row) => ({ id: row._id.toString(), at: row.createdAt.getTime() }));
}

/**
 * Ids of someone's published activities, newest first: everything they may have put into their
 * friends' streams (unlisted ones too: those are removed as well when a friendship ends).
 */
export async function publishedActivityIds(actorId: string, limit: number): Promise<string[]> {
  await connectDb();
  return (await publishedActivities(actorId, limit)).map((row) => row._id.toString());
}

/** Ids of the "now friends" activities between two people. */
export async function befriendedActivityIds(a: string, b: string): Promise<string[]> {
  await connectDb();
  const [x, y] = [new Types.ObjectId(a), new Types.ObjectId(b)];
  const rows = await ActivityModel.find(
    {
      verb: 'befriended',
      $or: [
        { actorId: x, targetUserId: y },
        { actorId: y, targetUserId: x },
      ],
    },
    { _id: 1 },
  ).lean();
  return rows.map((row) => row._id.toString());
}
