import 'server-only';
import { hashPassword } from '@/lib/auth/passwords';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { addressForLimits } from '@/lib/request/client-address';
import { currentClient } from '@/lib/request/context';
import { endOtherSessions } from '@/lib/sessions/session-store';
import { UserModel } from '@/lib/users/user-model';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { accountKeys } from './cache';
import { claimLink } from './one-time-links';
import { usableResetLink } from './password-reset-link';
import { setPasswordSchema } from './schemas';

export const RESET_LINK_USED =
  'This link has expired or was already used. Ask for a new one: links work once, for an hour.';

/** Where the person goes next: signing in with the new password. */
export const AFTER_RESET = '/signin?reset=1';

/**
 * "Set new password" from a reset link: checks the link (live, for an account whose password and
 * address have not changed since it was made), takes it (once, atomically), sets the password and
 * ends every session of the account. It does not sign anyone in: the person signs in with the new
 * password through the one sign-in gate, so whatever that gate asks (limits, a second step)
 * applies, and a leaked link alone never yields a session.
 */
export async function resetPassword(
  input: unknown,
  now = Date.now(),
): Promise<Result<{ redirectTo: string; endedSessions: number }>> {
  const parsed = parseInput(setPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const { token, newPassword } = parsed.value;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.passwordResetSetPerIp, addressForLimits(currentClient().ip)]],
    'password changes from your network',
  );
  if (limited) return limited;
  const user = await usableResetLink(token, now);
  if (!user) return fail('gone', RESET_LINK_USED);
  const lower = newPassword.toLowerCase();
  if (lower === user.usernameKey || lower === user.email) {
    return failFields({ newPassword: 'Your password must differ from your username and email.' });
  }
  const passwordHash = await hashPassword(newPassword);
  if (!(await claimLink(accountKeys.passwordReset, token))) return fail('gone', RESET_LINK_USED);
  const changed = await UserModel.updateOne(
    { _id: user._id, deletedAt: null },
    { $set: { passwordHash, passwordChangedAt: new Date(now) } },
  );
  if (changed.matchedCount === 0) return fail('gone', RESET_LINK_USED);
  return ok({
    redirectTo: AFTER_RESET,
    endedSessions: await endOtherSessions(user._id.toString()),
  });
}
