import { Types } from 'mongoose';
import { withStamps } from '@/lib/cache/change-clock';
import { VersionedSetCache } from '@/lib/cache/versioned-set';
import { connectDb } from '@/lib/db/connection';
import { cacheRedis } from '@/lib/redis';
import { MuteModel } from './model';

const MUTES_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * The people a user muted: read by that user's own views only (their stream, their notifications,
 * their reader state), never by anything kept for others.
 */
export const mutedCache = new VersionedSetCache({
  kind: 'graph',
  name: 'muted',
  ttlSeconds: MUTES_TTL_SECONDS,
  load: async (userId) => {
    await connectDb();
    const rows = await MuteModel.find({ userId: new Types.ObjectId(userId) }, { mutedId: 1 })
      .limit(MAX_MUTES)
      .lean();
    return rows.map((row) => row.mutedId.toString());
  },
});

/** How many people one person may mute. */
export const MAX_MUTES = 1_000;

/** The people `userId` muted, as a set (empty for most people: one SMEMBERS when warm). */
export async function mutedBy(userId: string): Promise<Set<string>> {
  return new Set(await mutedCache.get(userId));
}

export async function recordMuteChange(
  userId: string,
  mutedId: string,
  change: 'add' | 'remove',
): Promise<void> {
  await cacheRedis().all(withStamps([mutedCache.change(userId, change, [mutedId])]));
}

/** The person's own cached set, once they are gone. */
export function muteKeysOf(userId: string): string[] {
  return mutedCache.keysOf(userId);
}
