import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { fail, ok, type Result } from '@/lib/validation/result';
import { MAX_MUTES, mutedCache, recordMuteChange } from './cache';
import { MuteModel } from './model';

/**
 * Mutes `otherId` for `userId`: their comments and activity are hidden from `userId` and they no
 * longer cause notifications for them. Nothing changes for `otherId` (no event, no notification,
 * no friendship ended). Muting twice is the same as once.
 */
export async function muteUser(
  userId: string,
  otherId: string,
): Promise<Result<{ muted: boolean }>> {
  if (userId === otherId) return fail('invalid', 'You cannot mute yourself.');
  const muted = await mutedCache.get(userId);
  if (muted.includes(otherId)) return ok({ muted: true });
  if (muted.length >= MAX_MUTES)
    return fail(
      'conflict',
      `You have muted ${MAX_MUTES.toLocaleString('en')} people, the most there can be. Unmute someone in Settings first.`,
    );
  await connectDb();
  try {
    await MuteModel.create({
      userId: new Types.ObjectId(userId),
      mutedId: new Types.ObjectId(otherId),
      createdAt: new Date(),
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  await recordMuteChange(userId, otherId, 'add');
  return ok({ muted: true });
}
