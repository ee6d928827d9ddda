import 'server-only';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { currentClient } from '@/lib/observability/request-metrics';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { createAccount } from './create-account';
import { signUpSchema } from './schemas';

/** Sign-up: validate, rate limit per IP, create the account, then sign the new member in. */
export async function signUp(
  input: unknown,
): Promise<Result<{ redirectTo: string; username: string }>> {
  const parsed = parseInput(signUpSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.signUpPerIp, currentClient().ip]],
    'sign-ups from your network',
  );
  if (limited) return limited;
  const created = await createAccount(parsed.value);
  if (!created.ok) return created;
  const signedIn = await signInWithPassword(created.value.username, parsed.value.password);
  if (!signedIn)
    return fail(500, 'Your account was created, but signing you in failed. Please sign in.');
  return ok({ redirectTo: '/settings?welcome=1', username: created.value.username });
}
