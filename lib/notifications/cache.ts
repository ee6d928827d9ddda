import { Types } from 'mongoose';
import { cachedObjectRead, dropCached, readThrough } from '@/lib/cache/cache-aside';
import type { PipedRead } from '@/lib/cache/read-together';
import { connectDb } from '@/lib/db/connection';
import { NotificationModel, type NotificationKind } from './model';

const UNREAD_TTL_SECONDS = 24 * 60 * 60;
const LIST_TTL_SECONDS = 24 * 60 * 60;
/** How many of a user's newest notifications the page shows (and the cached list holds). */
export const NOTIFICATION_LIST_SIZE = 50;
export const notificationKeys = {
  unread: (userId: string) => `notif-unread:${userId}`,
  list: (userId: string) => `notif-list:${userId}`,
};

/** The bell's number: cached, recounted from MongoDB when dropped. */
export async function unreadCount(userId: string): Promise<number> {
  return (
    (await readThrough<number>({
      kind: 'user',
      key: notificationKeys.unread(userId),
      ttlSeconds: UNREAD_TTL_SECONDS,
      load: async () => {
        await connectDb();
        return NotificationModel.countDocuments({
          userId: new Types.ObjectId(userId),
          readAt: null,
        });
      },
    })) ?? 0
  );
}

/** The bell's number as a read that shares a pipeline with others (the reader state's). */
export function unreadCountRead(userId: string): PipedRead<number | null> {
  return cachedObjectRead<number>('user', notificationKeys.unread(userId), () =>
    unreadCount(userId),
  );
}

/** A notification as stored, in the user's cached list. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  actorId: string;
  subjectId: string | null;
  key: string;
  createdAt: string;
  read: boolean;
}

/**
 * The user's newest notifications, one cached object per user (read by that user's own page only),
 * dropped with the unread count by every write to them: a warm page reads no MongoDB.
 */
export async function notificationRows(userId: string): Promise<NotificationRow[]> {
  return (
    (await readThrough<NotificationRow[]>({
      kind: 'user',
      key: notificationKeys.list(userId),
      ttlSeconds: LIST_TTL_SECONDS,
      load: async () => {
        await connectDb();
        const rows = await NotificationModel.find({ userId: new Types.ObjectId(userId) })
          .sort({ createdAt: -1 })
          .limit(NOTIFICATION_LIST_SIZE)
          .lean();
        return rows.map((row) => ({
          id: row._id.toString(),
          kind: row.kind,
          actorId: row.actorId.toString(),
          subjectId: row.subjectId ? row.subjectId.toString() : null,
          key: row.key,
          createdAt: row.createdAt.toISOString(),
          read: Boolean(row.readAt),
        }));
      },
    })) ?? []
  );
}

/** The cached objects of these users' notifications (their bells and their lists). */
export function notificationCacheKeys(userIds: Iterable<string>): string[] {
  return [...userIds].flatMap((id) => [notificationKeys.unread(id), notificationKeys.list(id)]);
}

/** Drops the users' unread counts and lists after their notifications changed. */
export function dropNotificationsOf(...userIds: string[]): Promise<void> {
  return dropCached(...notificationCacheKeys(userIds));
}
