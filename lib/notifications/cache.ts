import { Types } from 'mongoose';
import { cachedObjectRead, dropCached, readThrough } from '@/lib/cache/cache-aside';
import type { PipedRead } from '@/lib/cache/read-together';
import { connectDb } from '@/lib/db/connection';
import { NotificationModel } from './model';

const UNREAD_TTL_SECONDS = 24 * 60 * 60;
export const notificationKeys = { unread: (userId: string) => `notif-unread:${userId}` };

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

export function dropUnreadCount(userId: string): Promise<void> {
  return dropCached(notificationKeys.unread(userId));
}
