import { z } from 'zod';
import { accountKeys } from './cache';
import { readLink } from './one-time-links';

/** A password reset link: an hour, once. */
export const passwordResetLinkSchema = z.object({
  /** Null for an address without an account: such a link is made, never sent, never works. */
  userId: z.string().nullable(),
  /** The account's credential stamp when the link was made (credential-stamp.ts). */
  stamp: z.string(),
});
export type PasswordResetLink = z.infer<typeof passwordResetLinkSchema>;

/** The live reset link behind a token, for an account (null: unknown, used or expired). */
export async function readPasswordResetLink(
  token: string,
  now = Date.now(),
): Promise<(PasswordResetLink & { userId: string }) | null> {
  const link = await readLink(accountKeys.passwordReset, token, passwordResetLinkSchema, now);
  return link?.userId ? { ...link, userId: link.userId } : null;
}
