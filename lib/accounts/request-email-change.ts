import 'server-only';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { queueMail } from '@/lib/mail/queue-mail';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { isRedisUnavailable } from '@/lib/redis';
import { UserModel } from '@/lib/users/user-model';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { confirmEmailChangeMail, EMAIL_CHANGE_HOURS, emailChangeNoticeMail } from './account-mails';
import { accountKeys } from './cache';
import { credentialStamp } from './credential-stamp';
import type { EmailChangeLink } from './email-change-link';
import { holdLink } from './one-time-links';
import { reauthenticate } from './reauthenticate';
import { emailChangeSchema } from './schemas';

/**
 * Asks to move the viewer's account to a new e-mail address: after re-authentication, a one-time
 * link (24 hours) goes to the new address and a notice to the current one. Nothing changes until
 * the link is confirmed by the same account (confirm-email-change.ts). Whether the new address
 * already belongs to an account is not said here (the link simply will not work then), so this
 * form tells no one which addresses have accounts.
 */
export async function requestEmailChange(
  viewer: SignedIn,
  input: unknown,
  now = Date.now(),
): Promise<Result<{ email: string }>> {
  const parsed = parseInput(emailChangeSchema, input);
  if (!parsed.ok) return parsed;
  const { newEmail, currentPassword } = parsed.value;
  const limited = await enforceRateLimits(
    [
      [RATE_LIMITS.emailChangePerAccount, viewer.user.id],
      [RATE_LIMITS.emailChangePerAddress, newEmail],
    ],
    'email change requests',
  );
  if (limited) return limited;
  await connectDb();
  const user = await UserModel.findById(viewer.user.id, {
    email: 1,
    passwordHash: 1,
    username: 1,
  }).lean();
  if (!user) return fail('not-found', 'Your account no longer exists.');
  const refused = await reauthenticate(viewer, user, currentPassword, now);
  if (refused) return refused;
  if (newEmail === user.email) {
    return failFields({ newEmail: 'This is already your email address.' });
  }
  const link: EmailChangeLink = {
    userId: user._id.toString(),
    oldEmail: user.email,
    newEmail,
    stamp: credentialStamp(user),
  };
  try {
    const token = await holdLink(accountKeys.emailChange, link, EMAIL_CHANGE_HOURS * 3600, now);
    await queueMail(confirmEmailChangeMail(newEmail, user.username, token));
    await queueMail(emailChangeNoticeMail(user.email, user.username, newEmail));
  } catch (error) {
    if (isRedisUnavailable(error)) throw error;
    logger().error({ err: String(error) }, 'email change mail could not be queued');
    return fail(
      'unavailable',
      'We could not send the email just now. Please try again in a minute.',
    );
  }
  return ok({ email: newEmail });
}
