import 'server-only';
import { signInSchema } from '@/lib/accounts/schemas';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { currentClient } from '@/lib/observability/request-metrics';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';

/** The one message for every wrong email, username or password: it never says which. */
export const SIGN_IN_FAILED = 'That email or username and password do not match an account.';

/** Sign-in: validate, count the attempt per IP and per account, then let Auth.js check and start a session. */
export async function signInWithCredentials(
  input: unknown,
): Promise<Result<{ redirectTo: string }>> {
  const parsed = parseInput(signInSchema, input);
  if (!parsed.ok) return parsed;
  const { identifier, password } = parsed.value;
  const limited = await enforceRateLimits(
    [
      [RATE_LIMITS.signInPerIp, currentClient().ip],
      [RATE_LIMITS.signInPerAccount, identifier],
    ],
    'sign-in attempts',
  );
  if (limited) return limited;
  if (!(await signInWithPassword(identifier, password))) return fail(401, SIGN_IN_FAILED);
  const callbackUrl = (input as { callbackUrl?: unknown }).callbackUrl;
  return ok({ redirectTo: safeRedirectPath(callbackUrl) });
}
