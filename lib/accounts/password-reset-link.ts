import type { Types } from 'mongoose';
import { z } from 'zod';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import { accountKeys } from './cache';
import { credentialStamp } from './credential-stamp';
import { readLink } from './one-time-links';

/** A password reset link: an hour, once. */
export const passwordResetLinkSchema = z.object({
  /** Null for an address without an account: such a link is made, never sent, never works. */
  userId: z.string().nullable(),
  /** The account's credential stamp when the link was made (credential-stamp.ts). */
  stamp: z.string(),
});

export interface ResetAccount {
  _id: Types.ObjectId;
  email: string;
  usernameKey: string;
}

/**
 * The account a reset link may still set the password of: the link is live (not used, within its
 * hour) and the account's password and address are what they were when it was made (a password
 * set or an address changed since ends it). Null otherwise. Only reads: using the link up is the
 * caller's (claimLink).
 */
export async function usableResetLink(
  token: string,
  now = Date.now(),
): Promise<ResetAccount | null> {
  const link = await readLink(accountKeys.passwordReset, token, passwordResetLinkSchema, now);
  if (!link?.userId) return null;
  await connectDb();
  const user = await UserModel.findById(link.userId, {
    passwordHash: 1,
    email: 1,
    usernameKey: 1,
  }).lean();
  if (!user || credentialStamp(user) !== link.stamp) return null;
  return { _id: user._id, email: user.email, usernameKey: user.usernameKey };
}
