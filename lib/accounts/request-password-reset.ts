import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { queueMail } from '@/lib/mail/queue-mail';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { isRedisUnavailable } from '@/lib/redis';
import { addressForLimits } from '@/lib/request/client-address';
import { currentClient } from '@/lib/request/context';
import { UserModel } from '@/lib/users/user-model';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { noAccountResetMail, PASSWORD_RESET_MINUTES, passwordResetMail } from './account-mails';
import { accountKeys } from './cache';
import { credentialStamp } from './credential-stamp';
import { holdLink } from './one-time-links';
import { passwordResetRequestSchema } from './schemas';

/**
 * "Forgot password?": mails the address a one-time link to set a new password (an hour), or,
 * when no account has it, a message saying so. Both paths do the same work (one MongoDB read, a
 * link held in Redis, one mail queued through the outbox) and give the same answer, so the form
 * never tells whether an address has an account. Limited per address (each request is a mail)
 * and per client. Accounts without a password (GitHub, Google) get a link too: that is how they
 * set one.
 */
export async function requestPasswordReset(
  input: unknown,
  now = Date.now(),
): Promise<Result<{ email: string }>> {
  const parsed = parseInput(passwordResetRequestSchema, input);
  if (!parsed.ok) return parsed;
  const { email } = parsed.value;
  const limited = await enforceRateLimits(
    [
      [RATE_LIMITS.passwordResetPerIp, addressForLimits(currentClient().ip)],
      [RATE_LIMITS.passwordResetPerEmail, email],
    ],
    'password reset requests',
  );
  if (limited) return limited;
  await connectDb();
  // An account being deleted is no account: its link names nobody.
  const user = await UserModel.findOne(
    { email, deletedAt: null },
    { username: 1, passwordHash: 1, email: 1 },
  ).lean();
  try {
    const token = await holdLink(
      accountKeys.passwordReset,
      { userId: user ? user._id.toString() : null, stamp: user ? credentialStamp(user) : '' },
      PASSWORD_RESET_MINUTES * 60,
      now,
    );
    await queueMail(
      user ? passwordResetMail(email, user.username, token) : noAccountResetMail(email),
    );
  } catch (error) {
    if (isRedisUnavailable(error)) throw error;
    logger().error({ err: String(error) }, 'password reset mail could not be queued');
    return fail(
      'unavailable',
      'We could not send the email just now. Please try again in a minute.',
    );
  }
  return ok({ email });
}
