import 'server-only';
import { signInSchema } from '@/lib/accounts/schemas';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { describeWait } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';

/** The one message for every wrong email, username or password: it never says which. */
export const SIGN_IN_FAILED = 'That email or username and password do not match an account.';

/**
 * Sign-in: validate, then let Auth.js's credentials provider check the attempt (its authorize is
 * the one gate that counts limits and checks the password) and start a session.
 */
export async function signInWithCredentials(
  input: unknown,
): Promise<Result<{ redirectTo: string }>> {
  const parsed = parseInput(signInSchema, input);
  if (!parsed.ok) return parsed;
  const { identifier, password } = parsed.value;
  const outcome = await signInWithPassword(identifier, password);
  if (outcome.status === 'limited') {
    const wait = outcome.retryAfterSeconds;
    return fail(
      'rate-limited',
      `Too many sign-in attempts. Please wait ${describeWait(wait)} and try again.`,
      {
        retryAfterSeconds: wait,
      },
    );
  }
  if (outcome.status === 'wrong') return fail('unauthorized', SIGN_IN_FAILED);
  const callbackUrl = (input as { callbackUrl?: unknown }).callbackUrl;
  return ok({ redirectTo: safeRedirectPath(callbackUrl) });
}
