import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { queueMail } from '@/lib/mail/queue-mail';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { isRedisUnavailable } from '@/lib/redis';
import { addressForLimits } from '@/lib/request/client-address';
import { currentClient } from '@/lib/request/context';
import { UserModel } from '@/lib/users/user-model';
import {
  findPendingSignUp,
  holdPendingSignUp,
  type PendingSignUp,
} from '@/lib/users/pending-sign-up';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { resendSignUpLinkSchema } from './schemas';
import { accountExistsMail, confirmSignUpMail } from './sign-up-mails';

/** A new link for a waiting sign-up; for an address with an account, the notice sign-up sent. */
async function linkOrNotice(pending: PendingSignUp, token: string) {
  if (!pending.existingAccount) return confirmSignUpMail(pending.email, pending.username, token);
  await connectDb();
  const existing = await UserModel.findOne({ email: pending.email }, { username: 1 }).lean();
  return existing
    ? accountExistsMail(pending.email, existing.username)
    : confirmSignUpMail(pending.email, pending.username, token);
}

/**
 * "Resend confirmation link": a sign-up still waiting for its address gets a fresh link (the
 * earlier one keeps working until it expires). The answer is the same whether or not anything
 * waits under that address or username, so it tells nobody whether someone signed up with it;
 * limited per address and per client, since each request may be a mail.
 */
export async function resendSignUpLink(input: unknown): Promise<Result<{ sent: true }>> {
  const parsed = parseInput(resendSignUpLinkSchema, input);
  if (!parsed.ok) return parsed;
  const identifier = parsed.value.identifier.toLowerCase();
  const limited = await enforceRateLimits(
    [
      [RATE_LIMITS.signUpResendPerIp, addressForLimits(currentClient().ip)],
      [RATE_LIMITS.signUpResendPerIdentifier, identifier],
    ],
    'confirmation links',
  );
  if (limited) return limited;
  const pending = await findPendingSignUp(identifier);
  if (!pending) return ok({ sent: true as const });
  try {
    const token = await holdPendingSignUp(pending);
    await queueMail(await linkOrNotice(pending, token));
  } catch (error) {
    if (isRedisUnavailable(error)) throw error;
    logger().error({ err: String(error) }, 'sign-up confirmation mail could not be queued');
    return fail(
      'unavailable',
      'We could not send the confirmation email just now. Please try again in a minute.',
    );
  }
  return ok({ sent: true as const });
}
