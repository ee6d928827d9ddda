import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, type Result } from '@/lib/validation/result';
import { dropUnreadCount } from './cache';
import { NotificationModel } from './model';

/** Marks all of the viewer's notifications read. */
export async function markAllRead(viewer: SignedIn): Promise<Result<{ marked: number }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.notificationReadsPerAccount, viewer.user.id]],
    'requests to mark notifications read',
  );
  if (limited) return limited;
  await connectDb();
  const result = await NotificationModel.updateMany(
    { userId: new Types.ObjectId(viewer.user.id), readAt: null },
    { $set: { readAt: new Date() } },
  );
  await dropUnreadCount(viewer.user.id);
  return ok({ marked: result.modifiedCount });
}
