import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { durableRedis } from '@/lib/redis';
import { countViewOnPageHit } from '@/lib/request/context';
import { articleKeys, likersCache, markCountersDirty } from './cache';
import { ArticleModel, CommentModel } from './models';

/** A view costs two Redis commands and no MongoDB write; the counter job writes them in batches. */
export async function recordView(articleId: string): Promise<void> {
  const store = durableRedis();
  await store.all([store.cmd.incrBy(articleKeys.views(articleId)), markCountersDirty(articleId)]);
}

/**
 * Several views at once (a page-cache hit's are gathered per turn of the event loop): one
 * pipeline of an INCRBY and a dirty mark per article, however many views it had.
 */
export async function recordViews(views: ReadonlyMap<string, number>): Promise<void> {
  if (views.size === 0) return;
  const store = durableRedis();
  await store.all(
    [...views].flatMap(([articleId, count]) => [
      store.cmd.incrBy(articleKeys.views(articleId), count),
      markCountersDirty(articleId),
    ]),
  );
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
