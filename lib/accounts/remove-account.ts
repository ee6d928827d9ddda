import 'server-only';
import { Types } from 'mongoose';
import { forgetOAuthLinks } from '@/lib/auth/oauth-account';
import { connectDb } from '@/lib/db/connection';
import { deleteOwnerImages } from '@/lib/media/renditions';
import { clearRateLimits } from '@/lib/rate-limit/rate-limit';
import { endOtherSessions } from '@/lib/sessions/session-store';
import { forgetUser } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';

/*
 * The account's own part of a deletion, for jobs/delete-account.ts: the first and the last steps.
 * Every domain removes its own part in between (lib/<domain>/purge-user.ts, purge-author.ts).
 */

export interface AccountBeingDeleted {
  usernameKey: string;
  deletedAt: string;
}

/** The account, only while it is marked deleted (the claim of every deletion run). */
export async function accountBeingDeleted(userId: string): Promise<AccountBeingDeleted | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  await connectDb();
  const user = await UserModel.findById(userId, { usernameKey: 1, deletedAt: 1 }).lean();
  if (!user?.deletedAt) return null;
  return { usernameKey: user.usernameKey, deletedAt: user.deletedAt.toISOString() };
}

/** Ends every session again: one begun while the deletion was asked for is ended too. */
export async function endAccountSessions(userId: string): Promise<number> {
  return endOtherSessions(userId);
}

/**
 * The last step: links to GitHub or Google, avatars, rate-limit windows, the user document
 * (which frees the username and the e-mail address) and its cached object. Only an account still
 * marked deleted is removed.
 */
export async function removeAccount(userId: string, usernameKey: string): Promise<boolean> {
  await connectDb();
  await forgetOAuthLinks(userId);
  await deleteOwnerImages('avatar', userId);
  await endOtherSessions(userId);
  await clearRateLimits(userId);
  const { deletedCount } = await UserModel.deleteOne({
    _id: new Types.ObjectId(userId),
    deletedAt: { $ne: null },
  });
  await forgetUser(userId, usernameKey);
  return deletedCount > 0;
}

/** Accounts whose deletion began before `before` and is still unfinished. */
export async function unfinishedDeletions(before: Date, limit: number): Promise<string[]> {
  await connectDb();
  const rows = await UserModel.find({ deletedAt: { $ne: null, $lt: before } }, { _id: 1 })
    .limit(limit)
    .lean();
  return rows.map((row) => row._id.toString());
}
