import { Types } from 'mongoose';
import { readThroughMany } from '@/lib/cache/cache-aside';
import { VersionedIndexCache } from '@/lib/cache/versioned-index';
import { connectDb } from '@/lib/db/connection';
import { friendsCache } from '@/lib/friends/cache';
import type { ScoredMember } from '@/lib/redis';
import { cacheRedis } from '@/lib/redis';
import { ActivityModel, type Activity, type ActivityVerb } from './model';
import { listedPublications } from './queries';
import { findByIds } from '@/lib/db/find-by-ids';

export const STREAM_CAPACITY = 500;
const STREAM_TTL_SECONDS = 14 * 24 * 60 * 60;
const ACTIVITY_TTL_SECONDS = 14 * 24 * 60 * 60;

/** Likes on one article appear as one stream entry ("A and 3 others liked …"). */
export const likesEntry = (articleId: string) => `likes:${articleId}`;

/** The cached activity object (small, immutable once recorded). */
export interface ActivityView {
  id: string;
  verb: ActivityVerb;
  actorId: string;
  targetUserId: string | null;
  articleId: string | null;
  createdAt: string;
}

export function toActivityView(row: Activity): ActivityView {
  return {
    id: row._id.toString(),
    verb: row.verb,
    actorId: row.actorId.toString(),
    targetUserId: row.targetUserId ? row.targetUserId.toString() : null,
    articleId: row.articleId ? row.articleId.toString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const activityKey = (activityId: string) => `activity:${activityId}`;

/**
 * The entries a user's stream holds, rebuilt from MongoDB exactly as the jobs deliver them:
 * friends' published articles (listed ones), the user's new friendships, comments on the user's articles,
 * and one entry per liked article of the user (at its latest like).
 */
export async function loadStream(userId: string, limit: number): Promise<ScoredMember[]> {
  await connectDb();
  const me = new Types.ObjectId(userId);
  const friends = (await friendsCache.get(userId)).map((id) => new Types.ObjectId(id));
  const [published, mine] = await Promise.all([
    friends.length > 0
      ? ActivityModel.find(
          { verb: 'published', actorId: { $in: friends } },
          { createdAt: 1, articleId: 1 },
        )
          .sort({ createdAt: -1 })
          .limit(limit)
          .lean()
          .then(listedPublications)
      : Promise.resolve([]),
    ActivityModel.find(
      {
        $or: [
          { verb: { $in: ['befriended', 'commented', 'liked'] }, targetUserId: me },
          { verb: 'befriended', actorId: me },
        ],
      },
      { verb: 1, articleId: 1, createdAt: 1 },
    )
      .sort({ createdAt: -1 })
      .limit(limit * 4)
      .lean(),
  ]);
  const entries = new Map<string, number>();
  for (const row of published) entries.set(row._id.toString(), row.createdAt.getTime());
  for (const row of mine) {
    const member =
      row.verb === 'liked' && row.articleId
        ? likesEntry(row.articleId.toString())
        : row._id.toString();
    entries.set(member, Math.max(entries.get(member) ?? 0, row.createdAt.getTime()));
  }
  return [...entries.entries()]
    .map(([member, score]) => ({ member, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** Each user's stream: newest first, the newest 500 entries, cached in Redis. */
export const streamIndex = new VersionedIndexCache({
  kind: 'stream',
  name: 'stream',
  ttlSeconds: STREAM_TTL_SECONDS,
  capacity: STREAM_CAPACITY,
  load: loadStream,
});

/** Activity objects for a stream page in one round trip; misses are read from MongoDB and cached. */
export function getActivityViews(activityIds: string[]): Promise<Map<string, ActivityView>> {
  return readThroughMany<ActivityView>({
    kind: 'stream',
    ids: activityIds.filter((id) => Types.ObjectId.isValid(id)),
    key: activityKey,
    ttlSeconds: ACTIVITY_TTL_SECONDS,
    loadMany: async (missing) => {
      await connectDb();
      const rows = await findByIds(ActivityModel, missing);
      return new Map(rows.map((row) => [row._id.toString(), toActivityView(row)] as const));
    },
  });
}

export function cacheActivityOp(view: ActivityView) {
  return cacheRedis().cmd.set(activityKey(view.id), JSON.stringify(view), {
    ttlSeconds: ACTIVITY_TTL_SECONDS,
  });
}
