import { connectDb } from '@/lib/db/connection';
import { dropNotificationsOf } from './cache';
import { NotificationModel } from './model';

export type NotificationState = 'read' | 'unread';

/**
 * Deletes up to `batchSize` notifications in `state` created before `cutoff`; deleting them
 * drops their recipients' cached lists (and unread counts). Idempotent like trimActivitiesBefore: by id
 * and rechecking the filter, so a retry never deletes a younger one. Returns how many were deleted.
 */
export async function trimNotificationsBefore(
  state: NotificationState,
  cutoff: Date,
  batchSize: number,
): Promise<number> {
  await connectDb();
  const filter = {
    createdAt: { $lt: cutoff },
    readAt: state === 'read' ? { $ne: null } : null,
  };
  const rows = await NotificationModel.find(filter, { _id: 1, userId: 1 }).limit(batchSize).lean();
  if (rows.length === 0) return 0;
  const { deletedCount } = await NotificationModel.deleteMany({
    ...filter,
    _id: { $in: rows.map((row) => row._id) },
  });
  await dropNotificationsOf(...new Set(rows.map((row) => row.userId.toString())));
  return deletedCount;
}
