import 'server-only';
import { z } from 'zod';
import { signInWithTicket } from '@/lib/auth/sign-in-with-password';
import { currentClient } from '@/lib/observability/request-metrics';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { issueSignInTicket } from '@/lib/sessions/sign-in-ticket';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { createAccount } from './create-account';
import { dropPendingSignUp, readPendingSignUp, SIGN_UP_TOKEN } from './pending-sign-up';

const INCOMPLETE_LINK = 'This confirmation link is incomplete. Open the link from the email again.';

export const confirmSignUpSchema = z.object({
  token: z.string({ error: INCOMPLETE_LINK }).regex(SIGN_UP_TOKEN, INCOMPLETE_LINK),
});

export const LINK_USED =
  'This confirmation link has expired or was already used. Sign in, or sign up again for a new link.';

/**
 * Sign-up, second step (the link in the e-mail): create the account held for the token, drop the
 * token, and sign the new member in. The held sign-up stays until the account exists, so a
 * failure here (MongoDB away) loses nothing: the same link works again.
 */
export async function confirmSignUp(
  input: unknown,
): Promise<Result<{ redirectTo: string; username: string }>> {
  const parsed = parseInput(confirmSignUpSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.signUpConfirmPerIp, currentClient().ip]],
    'confirmations from your network',
  );
  if (limited) return limited;
  const { token } = parsed.value;
  const pending = await readPendingSignUp(token);
  if (!pending) return fail(410, LINK_USED);
  // Throws if MongoDB is away, before the token is dropped.
  const created = await createAccount(pending);
  await dropPendingSignUp(token);
  if (!created.ok) {
    const message = created.fieldErrors?.username
      ? `Someone took the username @${pending.username} after you signed up. Sign up again with another.`
      : 'This email address already has an account. Sign in instead.';
    return fail(409, message);
  }
  const signedIn = await signInWithTicket(await issueSignInTicket(created.value.userId));
  if (!signedIn)
    return fail(500, 'Your account was created, but signing you in failed. Please sign in.');
  return ok({ redirectTo: '/settings?welcome=1', username: created.value.username });
}
