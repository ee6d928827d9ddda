import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { queueMail } from '@/lib/mail/queue-mail';
import { currentClient } from '@/lib/request/context';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { isRedisUnavailable } from '@/lib/redis';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { USERNAME_TAKEN } from './create-account';
import { hashPassword } from '@/lib/auth/passwords';
import { holdPendingSignUp } from '@/lib/users/pending-sign-up';
import { signUpSchema } from './schemas';
import { accountExistsMail, confirmSignUpMail } from './sign-up-mails';
import { UserModel } from '@/lib/users/user-model';
import { isUsernameHeldFrom, USERNAME_HELD } from '@/lib/users/username-holds';
import { addressForLimits } from '@/lib/request/client-address';

/**
 * Sign-up, first step: validate, rate limit, and e-mail the address a confirmation link (the
 * account is created when it is followed, see confirm-sign-up.ts). An address that already has
 * an account gets a message saying so instead. Both answer the same, after the same work, so
 * sign-up never tells whether an email address has an account. Usernames are public (every
 * profile is at /u/<name>), so a taken one is said at once.
 */
export async function signUp(input: unknown): Promise<Result<{ email: string }>> {
  const parsed = parseInput(signUpSchema, input);
  if (!parsed.ok) return parsed;
  const { email, username, password } = parsed.value;
  const limited = await enforceRateLimits(
    [
      [RATE_LIMITS.signUpPerIp, addressForLimits(currentClient().ip)],
      [RATE_LIMITS.signUpPerEmail, email],
    ],
    'sign-ups',
  );
  if (limited) return limited;
  await connectDb();
  const [usernameTaken, usernameHeld, existing] = await Promise.all([
    UserModel.exists({ usernameKey: username.toLowerCase() }),
    isUsernameHeldFrom(username.toLowerCase(), null),
    UserModel.findOne({ email }, { username: 1 }).lean(),
  ]);
  if (usernameTaken) return failFields({ username: USERNAME_TAKEN }, 'conflict');
  if (usernameHeld) return failFields({ username: USERNAME_HELD }, 'conflict');
  const passwordHash = await hashPassword(password);
  try {
    if (existing) {
      // Held like a new address's sign-up (see PendingSignUp.existingAccount), but only noticed.
      await holdPendingSignUp({ email, username, passwordHash, existingAccount: true });
      await queueMail(accountExistsMail(email, existing.username));
    } else {
      const token = await holdPendingSignUp({ email, username, passwordHash });
      await queueMail(confirmSignUpMail(email, username, token));
    }
  } catch (error) {
    if (isRedisUnavailable(error)) throw error;
    logger().error({ err: String(error) }, 'sign-up mail could not be queued');
    return fail(
      'unavailable',
      'We could not send the confirmation email just now. Please try again in a minute.',
    );
  }
  return ok({ email });
}
