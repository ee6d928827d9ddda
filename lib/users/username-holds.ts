import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { dropCached, forgetCached } from '@/lib/cache/cache-aside';
import { userKeys } from './cache';
import { USERNAME_HOLD_DAYS, UsernameHoldModel } from './username-hold-model';

/** What sign-up and renames answer for a name someone else gave up recently. */
export const USERNAME_HELD = `This username was in use until recently and is reserved for ${USERNAME_HOLD_DAYS} days. Choose another.`;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What stands on `usernameKey` for `userId` (null: a new account): `held` while someone else
 * renamed away from it less than USERNAME_HOLD_DAYS ago; `redirect` when an old redirect of the
 * name remains (its hold ended, or it is this person's own), which taking the name ends.
 */
export async function usernameHoldFor(
  usernameKey: string,
  userId: string | null,
  now = new Date(),
): Promise<'none' | 'held' | 'redirect'> {
  await connectDb();
  const hold = await UsernameHoldModel.findById(usernameKey, { userId: 1, heldUntil: 1 }).lean();
  if (!hold) return 'none';
  const own = userId !== null && hold.userId.toString() === userId;
  return hold.heldUntil > now && !own ? 'held' : 'redirect';
}

/** Whether `usernameKey` is held back from `userId` (null: a new account). */
export async function isUsernameHeldFrom(
  usernameKey: string,
  userId: string | null,
): Promise<boolean> {
  return (await usernameHoldFor(usernameKey, userId)) === 'held';
}

/**
 * Holds `usernameKey` for `userId`, who is renaming away from it: written before the rename, so
 * the name is never free in between. Replaces an older hold of the same name (only the person
 * who holds a name now can be renaming away from it).
 */
export async function holdUsername(usernameKey: string, userId: string, now: Date): Promise<void> {
  await connectDb();
  await UsernameHoldModel.updateOne(
    { _id: usernameKey },
    {
      $set: {
        userId: new Types.ObjectId(userId),
        heldUntil: new Date(now.getTime() + USERNAME_HOLD_DAYS * DAY_MS),
        createdAt: now,
      },
    },
    { upsert: true },
  );
}

/** Undoes `holdUsername` when the rename it prepared did not happen. */
export async function releaseOwnHold(usernameKey: string, userId: string): Promise<void> {
  await connectDb();
  await UsernameHoldModel.deleteOne({ _id: usernameKey, userId: new Types.ObjectId(userId) });
  await dropCached(userKeys.renamedFrom(usernameKey));
}

/**
 * A name was just taken (a rename back, or a new account after the hold ended): its old
 * redirect ends, since the name is someone's current one again.
 */
export async function endRedirectOf(usernameKey: string): Promise<void> {
  await connectDb();
  await UsernameHoldModel.deleteOne({ _id: usernameKey });
  await dropCached(userKeys.renamedFrom(usernameKey));
}

/**
 * An account removed for good: the names it gave up are free at once (nobody's links to keep),
 * with their redirects, and its own name's cached "no redirect" answer is forgotten.
 */
export async function releaseHoldsOf(userId: string, usernameKey: string): Promise<void> {
  await connectDb();
  const holds = await UsernameHoldModel.find(
    { userId: new Types.ObjectId(userId) },
    { _id: 1 },
  ).lean();
  await UsernameHoldModel.deleteMany({ userId: new Types.ObjectId(userId) });
  await forgetCached(
    userKeys.renamedFrom(usernameKey),
    ...holds.map((hold) => userKeys.renamedFrom(hold._id)),
  );
}
