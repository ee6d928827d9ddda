import { Types } from 'mongoose';
import { z } from 'zod';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import { dropNotificationsOf, unreadCount } from './cache';
import { NotificationModel } from './model';

/** `through`: only those made up to then (the newest one a page showed); none: all of them. */
export const markReadSchema = z
  .object({ through: z.iso.datetime({ error: 'That is not a time we can read.' }).optional() })
  .strict();

/**
 * Marks the viewer's notifications read: all, or those up to `through`, so opening the page never
 * marks one that arrived after it was shown. Answers how many stay unread (for the bell).
 */
export async function markAllRead(
  viewer: SignedIn,
  input: unknown = {},
): Promise<Result<{ marked: number; unread: number }>> {
  const parsed = parseInput(markReadSchema, input ?? {});
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.notificationReadsPerAccount, viewer.user.id]],
    'requests to mark notifications read',
  );
  if (limited) return limited;
  await connectDb();
  const { through } = parsed.value;
  const result = await NotificationModel.updateMany(
    {
      userId: new Types.ObjectId(viewer.user.id),
      readAt: null,
      ...(through ? { createdAt: { $lte: new Date(through) } } : {}),
    },
    { $set: { readAt: new Date() } },
  );
  await dropNotificationsOf(viewer.user.id);
  return ok({ marked: result.modifiedCount, unread: await unreadCount(viewer.user.id) });
}
