import 'server-only';
import { z } from 'zod';
import { startPasswordSession } from '@/lib/auth/sign-in';
import { currentClient } from '@/lib/request/context';
import { describeWait, enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { createAccount } from './create-account';
import { verifyPassword } from '@/lib/auth/passwords';
import { dropPendingSignUp, readPendingSignUp, SIGN_UP_TOKEN } from '@/lib/users/pending-sign-up';
import { PASSWORD_MAX } from '@/lib/users/schemas';
import { markSignUpSessions } from '@/lib/sessions/session-store';
import { addressForLimits } from '@/lib/request/client-address';

const INCOMPLETE_LINK = 'This confirmation link is incomplete. Open the link from the email again.';
const ENTER_PASSWORD = 'Enter the password you chose when you signed up.';

export const confirmSignUpSchema = z.object({
  token: z.string({ error: INCOMPLETE_LINK }).regex(SIGN_UP_TOKEN, INCOMPLETE_LINK),
});

export const confirmPasswordSchema = z.object({
  password: z
    .string({ error: ENTER_PASSWORD })
    .min(1, ENTER_PASSWORD)
    .max(PASSWORD_MAX, ENTER_PASSWORD),
});

export const LINK_USED =
  'This confirmation link has expired or was already used. Sign in, or sign up again for a new link.';

export const WRONG_SIGN_UP_PASSWORD =
  'That is not the password this sign-up was made with. If you did not sign up, ignore the email: no account is created.';

/**
 * Sign-up, second step (the link in the e-mail, and the password chosen at sign-up): create the
 * account held for the token, drop the token, and sign the new member in.
 *
 * The link alone proves only that the clicker reads the inbox; anyone could have signed up with
 * that address and a password of their own. So the account is created, and its owner signed in,
 * only for someone who also knows the password: a person who follows a link for a sign-up they
 * did not make gets no account with someone else's password. The held sign-up stays until the
 * account exists, so a failure here (MongoDB away, a wrong password) loses nothing.
 */
export async function confirmSignUp(
  input: unknown,
): Promise<Result<{ redirectTo: string; username: string }>> {
  const parsed = parseInput(confirmSignUpSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.signUpConfirmPerIp, addressForLimits(currentClient().ip)]],
    'confirmations from your network',
  );
  if (limited) return limited;
  const { token } = parsed.value;
  const pending = await readPendingSignUp(token);
  // A sign-up made for an address with an account is never confirmed (its token is never mailed).
  if (!pending || pending.existingAccount) return fail('gone', LINK_USED);
  const given = parseInput(confirmPasswordSchema, input);
  if (!given.ok) return given;
  const { password } = given.value;
  if (!(await verifyPassword(pending.passwordHash, password))) {
    return failFields({ password: WRONG_SIGN_UP_PASSWORD }, 'unauthorized');
  }
  // Throws if MongoDB is away, before the token is dropped.
  const created = await createAccount(pending);
  await dropPendingSignUp(token);
  if (!created.ok) {
    const message = created.fieldErrors?.username
      ? `Someone took the username @${pending.username} after you signed up. Sign up again with another.`
      : 'This email address already has an account. Sign in instead.';
    return fail('conflict', message);
  }
  // Through the one sign-in gate, like any other password.
  const signedIn = await startPasswordSession(pending.email, password);
  if (signedIn.status === 'limited') {
    const wait = signedIn.retryAfterSeconds;
    return fail(
      'rate-limited',
      `Your account was created. Too many sign-in attempts from your network: please wait ${describeWait(wait)}, then sign in.`,
      { retryAfterSeconds: wait },
    );
  }
  if (signedIn.status !== 'signed-in')
    return fail('internal', 'Your account was created, but signing you in failed. Please sign in.');
  await markSignUpSessions(created.value.userId);
  return ok({ redirectTo: '/settings?welcome=1', username: created.value.username });
}
