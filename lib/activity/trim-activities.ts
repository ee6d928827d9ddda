import { dropCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { activityKey } from './cache';
import { ActivityModel } from './model';

/**
 * Deletes up to `batchSize` activities recorded before `cutoff` and drops their cached objects.
 * Idempotent: it only ever deletes activities older than the cutoff, by id, so a retry deletes
 * nothing younger and ignores activities already gone. Cached streams may still list a deleted
 * id until they are rebuilt or trimmed; readStream skips ids whose activity no longer exists.
 * Returns how many were deleted.
 */
export async function trimActivitiesBefore(cutoff: Date, batchSize: number): Promise<number> {
  await connectDb();
  const rows = await ActivityModel.find({ createdAt: { $lt: cutoff } }, { _id: 1 })
    .limit(batchSize)
    .lean();
  if (rows.length === 0) return 0;
  const ids = rows.map((row) => row._id);
  const { deletedCount } = await ActivityModel.deleteMany({
    _id: { $in: ids },
    createdAt: { $lt: cutoff },
  });
  await dropCached(...ids.map((id) => activityKey(id.toString())));
  return deletedCount;
}
