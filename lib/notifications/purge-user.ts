import { Types } from 'mongoose';
import { forgetCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { dropNotificationsOf, notificationCacheKeys } from './cache';
import { NotificationModel } from './model';

/** A notification to remove: its id and its recipient (whose unread count may change). */
export interface NotificationToPurge {
  id: string;
  userId: string;
}

/** The person's notifications and everyone's notifications about them. */
export async function collectNotificationsOf(
  userId: string,
  limit: number,
): Promise<NotificationToPurge[]> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const rows = await NotificationModel.find(
    { $or: [{ userId: id }, { actorId: id }] },
    { userId: 1 },
  )
    .limit(limit)
    .lean();
  return rows.map((row) => ({ id: row._id.toString(), userId: row.userId.toString() }));
}

/** Deletes them by id; the other recipients' bells are recounted, the person's own count forgotten. */
export async function purgeNotifications(
  userId: string,
  notifications: NotificationToPurge[],
): Promise<void> {
  await connectDb();
  await NotificationModel.deleteMany({
    _id: { $in: notifications.map((row) => new Types.ObjectId(row.id)) },
  });
  const others = [...new Set(notifications.map((row) => row.userId))].filter((id) => id !== userId);
  await dropNotificationsOf(...others);
  await forgetCached(...notificationCacheKeys([userId]));
}

/** How many notifications still name the person (0 once purged). */
export async function countNotificationTraces(userId: string): Promise<number> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  return NotificationModel.countDocuments({ $or: [{ userId: id }, { actorId: id }] });
}
