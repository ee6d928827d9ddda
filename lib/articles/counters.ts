import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { findByIds } from '@/lib/db/find-by-ids';
import { durableRedis } from '@/lib/redis';
import { countViewOnPageHit } from '@/lib/request/context';
import { articleKeys, dropAuthorDesks, markCountersDirty } from './cache';
import { likersCache } from './likers-cache';
import { ArticleModel, CommentModel } from './models';

/** Days of views per article kept for the dashboard's chart (today included). */
export const VIEW_HISTORY_DAYS = 30;
// A day's hash outlives the window by a day and a half, whatever the time zone of its last write.
const DAY_VIEWS_TTL_SECONDS = (VIEW_HISTORY_DAYS + 2) * 24 * 60 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of a time, as the per-day view hashes name it. */
export function viewDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * A view costs three Redis commands and no MongoDB write: the total (written to MongoDB in
 * batches by the counter job), today's count, and the dirty mark.
 */
export async function recordView(articleId: string, now = Date.now()): Promise<void> {
  await recordViews(new Map([[articleId, 1]]), now);
}

/**
 * Several views at once (a page-cache hit's are gathered per turn of the event loop): one
 * pipeline of an INCRBY, a day's HINCRBY and a dirty mark per article, however many views it had,
 * and one EXPIRE of the day's hash. The per-day counts stay in Redis: they are a rolling window
 * that expires, and the totals MongoDB keeps come from the INCRBY.
 */
export async function recordViews(
  views: ReadonlyMap<string, number>,
  now = Date.now(),
): Promise<void> {
  if (views.size === 0) return;
  const store = durableRedis();
  const day = articleKeys.dayViews(viewDay(now));
  await store.all([
    ...[...views].flatMap(([articleId, count]) => [
      store.cmd.incrBy(articleKeys.views(articleId), count),
      store.cmd.hincrBy(day, articleId, count),
      markCountersDirty(articleId),
    ]),
    store.cmd.expire(day, DAY_VIEWS_TTL_SECONDS),
  ]);
}

/**
 * Views per day of each article over the last `VIEW_HISTORY_DAYS` UTC days, oldest first, with
 * the days themselves: one HMGET per day's hash, in one round trip.
 */
export async function readViewHistory(
  articleIds: readonly string[],
  now = Date.now(),
): Promise<{ days: string[]; views: Map<string, number[]> }> {
  const days = Array.from({ length: VIEW_HISTORY_DAYS }, (_, index) =>
    viewDay(now - (VIEW_HISTORY_DAYS - 1 - index) * DAY_MS),
  );
  const views = new Map(articleIds.map((id) => [id, days.map(() => 0)]));
  if (articleIds.length === 0) return { days, views };
  const store = durableRedis();
  const replies = await store.all(
    days.map((day) => store.cmd.hmget(articleKeys.dayViews(day), articleIds)),
  );
  replies.forEach((counts, dayIndex) => {
    counts.forEach((count, idIndex) => {
      const series = views.get(articleIds[idIndex] as string);
      if (series) series[dayIndex] = Number(count ?? 0);
    });
  });
  return { days, views };
}

/** Views counted in Redis and not yet written to MongoDB, per article. */
export async function readPendingViews(
  articleIds: readonly string[],
): Promise<Map<string, number>> {
  if (articleIds.length === 0) return new Map();
  const store = durableRedis();
  const counts = await store.all(articleIds.map((id) => store.cmd.get(articleKeys.views(id))));
  return new Map(articleIds.map((id, index) => [id, Number(counts[index] ?? 0)]));
}

/**
 * A view of the article's page: counted now, and noted in the request context so that each
 * page-cache hit of this page counts one too. A view that cannot be counted never fails the page.
 */
export async function noteArticleView(articleId: string): Promise<void> {
  countViewOnPageHit(articleId);
  await recordView(articleId).catch(() => undefined);
}

// Takes up to ARGV[1] dirty article ids and their pending view counts, atomically.
const TAKE_BATCH = `
local ids = redis.call('SPOP', KEYS[1], ARGV[1])
local out = {}
for _, id in ipairs(ids) do
  local views = redis.call('GETDEL', ARGV[2] .. id) or '0'
  table.insert(out, id)
  table.insert(out, views)
end
return out
`;

export interface CounterBatch {
  batchId: string;
  entries: { articleId: string; views: number }[];
}

/**
 * Takes a batch of changed counters out of Redis. The taken view counts live on only in the
 * returned batch, which the job memoises as a step result: a retry re-applies the same batch.
 */
export async function takeCounterBatch(size: number): Promise<CounterBatch> {
  const store = durableRedis();
  const reply = await store.one(
    store.cmd.script(
      TAKE_BATCH,
      [articleKeys.dirtyCounters],
      [size, store.key(articleKeys.viewsPrefix)],
      (raw) => (Array.isArray(raw) ? raw.map(String) : []),
    ),
  );
  const entries: CounterBatch['entries'] = [];
  for (let index = 0; index + 1 < reply.length; index += 2) {
    entries.push({ articleId: reply[index] as string, views: Number(reply[index + 1]) });
  }
  return { batchId: new Types.ObjectId().toString(), entries };
}

/**
 * Writes a batch to MongoDB in one bulkWrite: likes and comments recounted, views added once
 * (an article that already has this batch id is skipped, so a retry never adds twice).
 */
export async function applyCounterBatch(batch: CounterBatch): Promise<number> {
  if (batch.entries.length === 0) return 0;
  await connectDb();
  const ids = batch.entries
    .map((entry) => entry.articleId)
    .filter((id) => Types.ObjectId.isValid(id));
  const [likers, comments] = await Promise.all([
    likersCache.getMany(ids),
    CommentModel.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { articleId: { $in: ids.map((id) => new Types.ObjectId(id)) } } },
      { $group: { _id: '$articleId', count: { $sum: 1 } } },
    ]),
  ]);
  const commentCounts = new Map(comments.map((row) => [row._id.toString(), row.count]));
  const result = await ArticleModel.bulkWrite(
    batch.entries
      .filter((entry) => Types.ObjectId.isValid(entry.articleId))
      .map((entry) => ({
        updateOne: {
          filter: {
            _id: new Types.ObjectId(entry.articleId),
            lastCounterBatch: { $ne: batch.batchId },
          },
          update: {
            $inc: { viewCount: entry.views },
            $set: {
              likeCount: likers.get(entry.articleId)?.length ?? 0,
              commentCount: commentCounts.get(entry.articleId) ?? 0,
              lastCounterBatch: batch.batchId,
            },
          },
        },
      })),
    { ordered: false },
  );
  // Their authors' dashboards show the new totals (each reads its pending views on top).
  const authors = await findByIds(ArticleModel, ids, { authorId: 1 });
  await dropAuthorDesks(...authors.map((row) => row.authorId.toString()));
  return result.modifiedCount;
}

/** Puts a batch's articles back on the dirty list (when applying it failed for good). */
export async function requeueCounterBatch(batch: CounterBatch): Promise<void> {
  const store = durableRedis();
  await store.all([
    ...batch.entries.map((entry) =>
      store.cmd.incrBy(articleKeys.views(entry.articleId), entry.views),
    ),
    ...batch.entries.map((entry) => markCountersDirty(entry.articleId)),
  ]);
}
