import { Types } from 'mongoose';
import { forgetCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { muteKeysOf, recordMuteChange } from './cache';
import { MuteModel } from './model';

/*
 * Removing a deleted account's mutes, both ways, for jobs/delete-account.ts: collected (a memoised
 * step result), then removed by those pairs, so a replay finishes what a crash left.
 */

export interface MuteToPurge {
  userId: string;
  mutedId: string;
}

/** Mutes the person made and mutes of the person by others. */
export async function collectMutes(userId: string, limit: number): Promise<MuteToPurge[]> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  const rows = await MuteModel.find({ $or: [{ userId: id }, { mutedId: id }] })
    .limit(limit)
    .lean();
  return rows.map((row) => ({ userId: row.userId.toString(), mutedId: row.mutedId.toString() }));
}

export async function purgeMutes(mutes: MuteToPurge[]): Promise<void> {
  await connectDb();
  for (const { userId, mutedId } of mutes) {
    await MuteModel.deleteOne({
      userId: new Types.ObjectId(userId),
      mutedId: new Types.ObjectId(mutedId),
    });
    await recordMuteChange(userId, mutedId, 'remove');
  }
}

/** The person's own cached muted set, once no mute names them. */
export async function forgetMutesOf(userId: string): Promise<void> {
  await forgetCached(...muteKeysOf(userId));
}

/** How many mutes still name the person (0 once purged). */
export async function countMuteTraces(userId: string): Promise<number> {
  await connectDb();
  const id = new Types.ObjectId(userId);
  return MuteModel.countDocuments({ $or: [{ userId: id }, { mutedId: id }] });
}
