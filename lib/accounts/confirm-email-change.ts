import 'server-only';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { invalidateUser } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { accountKeys } from './cache';
import { credentialStamp } from './credential-stamp';
import { readEmailChangeLink } from './email-change-link';
import { claimLink } from './one-time-links';
import { emailChangeConfirmSchema } from './schemas';

export const EMAIL_LINK_USED =
  'This link has expired or was already used. Ask for the change again in your settings.';

export const EMAIL_LINK_OTHER_ACCOUNT =
  'This link was sent for another account. Sign in as the account that asked for the change, then open the link again.';

/**
 * Confirms an e-mail change with the link sent to the new address. The link works only for the
 * signed-in account that asked (someone else's link changes nothing and stays unused), once,
 * for 24 hours, and only while the account's password and address are what they were when it
 * was asked (a password reset in between cancels it). The unique index on `email` decides
 * whether the new address is still free.
 */
export async function confirmEmailChange(
  viewer: SignedIn,
  input: unknown,
  now = Date.now(),
): Promise<Result<{ email: string }>> {
  const parsed = parseInput(emailChangeConfirmSchema, input);
  if (!parsed.ok) return parsed;
  const { token } = parsed.value;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.emailChangeConfirmPerAccount, viewer.user.id]],
    'confirmations',
  );
  if (limited) return limited;
  const link = await readEmailChangeLink(token, now);
  if (!link) return fail('gone', EMAIL_LINK_USED);
  if (link.userId !== viewer.user.id) return fail('forbidden', EMAIL_LINK_OTHER_ACCOUNT);
  await connectDb();
  const user = await UserModel.findById(link.userId, {
    email: 1,
    passwordHash: 1,
    usernameKey: 1,
  }).lean();
  if (!user || credentialStamp(user) !== link.stamp) {
    await claimLink(accountKeys.emailChange, token);
    return fail('gone', EMAIL_LINK_USED);
  }
  if (!(await claimLink(accountKeys.emailChange, token))) return fail('gone', EMAIL_LINK_USED);
  try {
    const changed = await UserModel.updateOne(
      { _id: user._id, email: link.oldEmail },
      { $set: { email: link.newEmail } },
    );
    if (changed.matchedCount === 0) return fail('gone', EMAIL_LINK_USED);
  } catch (error) {
    // FerretDB (SQLite) reports a unique index refusing an update as error 1, not 11000: ask.
    const taken =
      isDuplicateKey(error) ||
      (await UserModel.exists({ email: link.newEmail, _id: { $ne: user._id } })) !== null;
    if (!taken) throw error;
    return fail(
      'conflict',
      `${link.newEmail} now belongs to another account, so your email address was not changed.`,
    );
  }
  await invalidateUser(link.userId, user.usernameKey);
  return ok({ email: link.newEmail });
}
