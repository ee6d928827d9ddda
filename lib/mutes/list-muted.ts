import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { mutedCache } from './cache';

/** The people a user muted, for their own settings page (cached set and cached users). */
export async function listMuted(userId: string): Promise<PublicUser[]> {
  return getUsersByIds(await mutedCache.get(userId));
}

/** Whether `userId` muted `otherId`, for `userId`'s own view of the other's profile. */
export async function hasMuted(userId: string, otherId: string): Promise<boolean> {
  return userId !== otherId && (await mutedCache.get(userId)).includes(otherId);
}
