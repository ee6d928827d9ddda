import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { ok, type Result } from '@/lib/validation/result';
import { recordMuteChange } from './cache';
import { MuteModel } from './model';

/** Shows `otherId`'s comments and activity to `userId` again; unmuting twice is the same as once. */
export async function unmuteUser(
  userId: string,
  otherId: string,
): Promise<Result<{ muted: boolean }>> {
  await connectDb();
  await MuteModel.deleteOne({
    userId: new Types.ObjectId(userId),
    mutedId: new Types.ObjectId(otherId),
  });
  // Also when nothing was deleted: a set cached from before a lost change is corrected.
  await recordMuteChange(userId, otherId, 'remove');
  return ok({ muted: false });
}
