/** Read queries over recorded activities (the jobs use them to fill and clean streams). */
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
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

/** Someone's recent published activities with their times, newest first (backfilling a new friend's stream). */
export async function recentPublishedActivities(
  actorId: string,
  limit: number,
): Promise<{ id: string; at: number }[]> {
  await connectDb();
  const rows = await ActivityModel.find(
    { actorId: new Types.ObjectId(actorId), verb: 'published' },
    { createdAt: 1 },
  )
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();
  return rows.map((row) => ({ id: row._id.toString(), at: row.createdAt.getTime() }));
}

/** Ids of someone's published activities, newest first: what they put into their friends' streams. */
export async function publishedActivityIds(actorId: string, limit: number): Promise<string[]> {
  return (await recentPublishedActivities(actorId, limit)).map((activity) => activity.id);
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
