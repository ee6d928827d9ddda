import { z } from 'zod';
import { accountKeys } from './cache';
import { readLink } from './one-time-links';

/** A pending e-mail change: for one account, from one address to another, 24 hours, once. */
export const emailChangeLinkSchema = z.object({
  userId: z.string(),
  oldEmail: z.string(),
  newEmail: z.string(),
  /** The account's credential stamp when the change was asked for (credential-stamp.ts). */
  stamp: z.string(),
});
export type EmailChangeLink = z.infer<typeof emailChangeLinkSchema>;

export function readEmailChangeLink(
  token: string,
  now = Date.now(),
): Promise<EmailChangeLink | null> {
  return readLink(accountKeys.emailChange, token, emailChangeLinkSchema, now);
}
