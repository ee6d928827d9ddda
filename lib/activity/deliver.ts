import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { withStamps } from '@/lib/cache/change-clock';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { blockedEitherWay, friendsCache } from '@/lib/friends/cache';
import { cacheRedis } from '@/lib/redis';
import { globalSingleton } from '@/lib/util/global-singleton';
import { cacheActivityOp, streamIndex, toActivityView, type ActivityView } from './cache';
import { ActivityModel, type Activity, type ActivityVerb } from './model';

export const FAN_OUT_BATCH = 1_000;

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

/** Who receives an author's activity: their friends, minus anyone in a block with them. */
export async function fanOutRecipients(authorId: string): Promise<string[]> {
  const [friends, blocked] = await Promise.all([
    friendsCache.get(authorId),
    blockedEitherWay(authorId),
  ]);
  return friends.filter((id) => !blocked.has(id));
}

/**
 * Tests make a batch fail once (a retry repeats only that batch, without duplicates) or freeze
 * once (its process "dies" there, and another instance finishes the run).
 */
export const fanOutFaults = globalSingleton('fanOutFaults', () => ({
  failOnce: new Set<string>(),
  freezeOnce: new Set<string>(),
}));

/**
 * Puts one entry into many streams in one pipelined round trip. ZADD of the same member with the
 * same score changes nothing, so a retried batch never duplicates an entry.
 */
export async function deliverToStreams(
  recipients: readonly string[],
  member: string,
  score: number,
  batchLabel = '',
): Promise<number> {
  if (batchLabel && fanOutFaults.failOnce.delete(batchLabel))
    throw new Error(`injected failure in ${batchLabel}`);
  if (batchLabel && fanOutFaults.freezeOnce.delete(batchLabel)) return new Promise(() => {});
  if (recipients.length === 0) return 0;
  await cacheRedis().all(
    withStamps(recipients.map((userId) => streamIndex.change(userId, 'add', member, score, true))),
  );
  return recipients.length;
}

/** Removes entries from many streams (retraction, unfriend, block). */
export async function removeFromStreams(
  recipients: readonly string[],
  members: readonly string[],
): Promise<void> {
  const changes = recipients.flatMap((userId) =>
    members.map((member) => streamIndex.change(userId, 'remove', member)),
  );
  for (let start = 0; start < changes.length; start += FAN_OUT_BATCH) {
    await cacheRedis().all(withStamps(changes.slice(start, start + FAN_OUT_BATCH)));
  }
}
