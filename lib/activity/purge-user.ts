import { Types } from 'mongoose';
import { forgetCached } from '@/lib/cache/cache-aside';
import { likersCache } from '@/lib/articles/likers-cache';
import { ArticleModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { activityKey, likesEntry, streamIndex } from './cache';
import { removeFromStreams } from './deliver';
import { ActivityModel, type ActivityVerb } from './model';

/*
 * Removing a deleted account from every stream, for jobs/delete-account.ts: activities are
 * collected (a memoised step result), taken out of the streams that received them, then deleted
 * by id; a replay repeats the same removals (removing an entry twice changes nothing).
 */

export interface ActivityToPurge {
  id: string;
  verb: ActivityVerb;
  actorId: string;
  targetUserId: string | null;
}

/** Every activity the person did or that was about them (friendships, comments, likes on theirs). */
export async function collectActivitiesOf(
  userId: string,
  limit: number,
): Promise<ActivityToPurge[]> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const rows = await ActivityModel.find(
    { $or: [{ actorId: id }, { targetUserId: id }] },
    { verb: 1, actorId: 1, targetUserId: 1 },
  )
    .limit(limit)
    .lean();
  return rows.map((row) => ({
    id: row._id.toString(),
    verb: row.verb,
    actorId: row.actorId.toString(),
    targetUserId: row.targetUserId ? row.targetUserId.toString() : null,
  }));
}

/**
 * Whose streams received an activity, as the jobs deliver (lib/activity/deliver.ts): a
 * publication went to the author's friends, a friendship to both people, a comment to the
 * article's author. Likes are grouped per article (dropEmptyLikeEntries).
 */
function recipientsOf(activity: ActivityToPurge, userId: string, friends: string[]): string[] {
  const { verb, actorId, targetUserId } = activity;
  if (verb === 'published') return friends;
  if (verb === 'befriended')
    return [actorId === userId ? targetUserId : actorId].flatMap((id) => id ?? []);
  // A comment on the person's own article was only in their own stream (forgotten whole).
  if (verb === 'commented' && targetUserId && targetUserId !== userId) return [targetUserId];
  return [];
}

/** Takes the activities out of their recipients' streams, then deletes them and their cached objects. */
export async function purgeActivities(
  userId: string,
  friends: string[],
  activities: ActivityToPurge[],
): Promise<void> {
  const byRecipient = new Map<string, string[]>();
  for (const activity of activities) {
    for (const recipient of recipientsOf(activity, userId, friends)) {
      byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), activity.id]);
    }
  }
  for (const [recipient, members] of byRecipient) await removeFromStreams([recipient], members);
  await connectDb();
  await ActivityModel.deleteMany({
    _id: { $in: activities.map((activity) => new Types.ObjectId(activity.id)) },
  });
  await forgetCached(...activities.map((activity) => activityKey(activity.id)));
}

/** A "liked" entry whose article has no liker left leaves its author's stream. */
export async function dropEmptyLikeEntries(articleIds: string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const likers = await likersCache.getMany(articleIds);
  const empty = articleIds.filter((id) => (likers.get(id) ?? []).length === 0);
  if (empty.length === 0) return;
  await connectDb();
  const articles = await ArticleModel.find(
    { _id: { $in: empty.map((id) => new Types.ObjectId(id)) } },
    { authorId: 1 },
  ).lean();
  for (const article of articles) {
    await removeFromStreams([article.authorId.toString()], [likesEntry(article._id.toString())]);
  }
}

/** The person's own stream. */
export async function forgetStreamOf(userId: string): Promise<void> {
  await forgetCached(...streamIndex.keysOf(userId));
}

/** How many activities still name the person (0 once purged). */
export async function countActivityTraces(userId: string): Promise<number> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  return ActivityModel.countDocuments({ $or: [{ actorId: id }, { targetUserId: id }] });
}
