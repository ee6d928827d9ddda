import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { isLockBusy } from '@/lib/redis/lock';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { announceEvents } from '@/lib/jobs/event-intent';
import { invalidateRename } from '@/lib/users/cache';
import { profileChanged } from '@/lib/users/events';
import { UserModel } from '@/lib/users/user-model';
import {
  endRedirectOf,
  holdUsername,
  isUsernameHeldFrom,
  releaseOwnHold,
  USERNAME_HELD,
} from '@/lib/users/username-holds';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { USERNAME_TAKEN } from './create-account';
import { changeUsernameSchema } from './schemas';
import { withUsernameClaim } from './username-claim';

export interface ChangedUsername {
  username: string;
  /** The new profile address. */
  path: string;
}

/**
 * Renames the viewer. The old name is held for them (lib/users/username-holds.ts) before the
 * rename is written, its addresses answer 308 to the new ones, and every cached object and page
 * built from either name or the user is stamped changed.
 */
export async function changeUsername(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<ChangedUsername>> {
  const parsed = parseInput(changeUsernameSchema, input);
  if (!parsed.ok) return parsed;
  const username = parsed.value.username;
  const newKey = username.toLowerCase();
  const userId = viewer.user.id;
  await connectDb();
  const user = await UserModel.findById(userId, { username: 1, usernameKey: 1 }).lean();
  if (!user) return fail('not-found', 'Your account no longer exists.');
  if (user.username === username) {
    return failFields({ username: 'This is already your username.' });
  }
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.usernameChangesPerAccount, userId]],
    'username changes',
  );
  if (limited) return limited;
  const oldKey = user.usernameKey;
  try {
    return await withUsernameClaim([oldKey, newKey], () =>
      renameWithinClaim(userId, oldKey, username),
    );
  } catch (error) {
    if (!isLockBusy(error)) throw error;
    return fail('conflict', 'This username is being changed right now. Please try again.');
  }
}

async function renameWithinClaim(
  userId: string,
  oldKey: string,
  username: string,
): Promise<Result<ChangedUsername>> {
  const newKey = username.toLowerCase();
  const renamed = newKey !== oldKey;
  if (renamed) {
    const taken = await UserModel.exists({ usernameKey: newKey, _id: { $ne: userId } });
    if (taken) return failFields({ username: USERNAME_TAKEN }, 'conflict');
    if (await isUsernameHeldFrom(newKey, userId)) {
      return failFields({ username: USERNAME_HELD }, 'conflict');
    }
    await holdUsername(oldKey, userId, new Date());
  }
  // The search index finds people by username: it re-reads this person once the rename is stored.
  const intent = await announceEvents(profileChanged.create({ userId }));
  try {
    const updated = await UserModel.updateOne(
      { _id: new Types.ObjectId(userId), usernameKey: oldKey },
      { $set: { username, usernameKey: newKey } },
    );
    if (updated.matchedCount === 0) throw new Error('renamed meanwhile');
  } catch (error) {
    await intent.cancel();
    if (renamed) await releaseOwnHold(oldKey, userId);
    if (error instanceof Error && error.message === 'renamed meanwhile') {
      return fail('conflict', 'Your username was changed meanwhile. Reload the page and retry.');
    }
    if (isDuplicateKey(error)) return failFields({ username: USERNAME_TAKEN }, 'conflict');
    throw error;
  }
  // Taking a name back (or one whose hold ended) ends the redirect it had.
  if (renamed) await endRedirectOf(newKey);
  await invalidateRename(userId, [oldKey, newKey]);
  await intent.confirm();
  return ok({ username, path: `/u/${newKey}` });
}
