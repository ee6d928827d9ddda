import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { cacheRedis } from '@/lib/redis';
import { cacheActivityOp, toActivityView, type ActivityView } from './cache';
import { ActivityModel, type Activity, type ActivityVerb } from './model';

/**
 * The id of the activity recorded for `key`: its creation second, then 8 bytes of the key's
 * SHA-1. The same key always gives the same id, so a retry finds the first one by `_id`, the
 * one lookup FerretDB's SQLite backend serves from an index (a lookup by `key` scans them all).
 */
export function activityIdFor(key: string, createdAt: Date): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(createdAt.getTime() / 1000) >>> 0, 0);
  createHash('sha1').update(key).digest().copy(bytes, 4, 0, 8);
  return new Types.ObjectId(bytes);
}

/** Stores an activity once per `key` and caches it; a second call returns the first one. */
export async function recordActivity(input: {
  key: string;
  verb: ActivityVerb;
  actorId: string;
  targetUserId?: string;
  articleId?: string;
  createdAt: Date;
}): Promise<ActivityView> {
  await connectDb();
  const _id = activityIdFor(input.key, input.createdAt);
  const fields = {
    _id,
    key: input.key,
    verb: input.verb,
    actorId: new Types.ObjectId(input.actorId),
    targetUserId: input.targetUserId ? new Types.ObjectId(input.targetUserId) : null,
    articleId: input.articleId ? new Types.ObjectId(input.articleId) : null,
    createdAt: input.createdAt,
  };
  let row: Activity | null;
  try {
    row = (await ActivityModel.create(fields)).toObject();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Recorded before ids were derived from keys: found by its key (a scan, but only then).
    row =
      (await ActivityModel.findById(_id).lean()) ??
      (await ActivityModel.findOne({ key: input.key }).lean());
  }
  if (!row) throw new Error(`activity ${input.key} vanished`);
  const view = toActivityView(row);
  await cacheRedis().one(cacheActivityOp(view));
  return view;
}

/** Deletes every activity about an article (withdrawn: its stream entries are retracted too). */
export async function deleteArticleActivities(articleId: string): Promise<void> {
  await connectDb();
  await ActivityModel.deleteMany({ articleId: new Types.ObjectId(articleId) });
}
