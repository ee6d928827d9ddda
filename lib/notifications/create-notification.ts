import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { mutedCache } from '@/lib/mutes/cache';
import { dropNotificationsOf } from './cache';
import { NotificationModel, type NotificationKind } from './model';

/**
 * Writes a notification once per `key` (jobs may run again), then drops the recipient's
 * cached unread count and list. Nothing
 * is written when the recipient muted the person who caused it (the muted person cannot tell).
 */
export async function createNotification(input: {
  userId: string;
  kind: NotificationKind;
  actorId: string;
  subjectId?: string;
  key: string;
  createdAt: Date;
}): Promise<void> {
  if (
    input.actorId !== input.userId &&
    (await mutedCache.get(input.userId)).includes(input.actorId)
  )
    return;
  await connectDb();
  await NotificationModel.updateOne(
    { key: input.key },
    {
      $setOnInsert: {
        userId: new Types.ObjectId(input.userId),
        kind: input.kind,
        actorId: new Types.ObjectId(input.actorId),
        subjectId: input.subjectId ? new Types.ObjectId(input.subjectId) : null,
        key: input.key,
        createdAt: input.createdAt,
        readAt: null,
      },
    },
    { upsert: true },
  ).catch((error: unknown) => {
    // Two runs racing on the same key: the unique index kept one, which is the goal.
    if (!isDuplicateKey(error)) throw error;
  });
  await dropNotificationsOf(input.userId);
}
