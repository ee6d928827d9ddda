import 'server-only';
import { verifyPassword } from '@/lib/auth/passwords';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { readSession } from '@/lib/sessions/session-store';
import { fail, failFields, type Failure } from '@/lib/validation/result';

/** How recent a sign-in stands in for a password, for an account that has none. */
export const RECENT_SIGN_IN_MINUTES = 10;

/** Whether this session was started within the last RECENT_SIGN_IN_MINUTES (a fresh sign-in). */
export async function signedInRecently(sessionId: string, now = Date.now()): Promise<boolean> {
  const session = await readSession(sessionId, now);
  return session !== null && now - session.createdAt <= RECENT_SIGN_IN_MINUTES * 60 * 1000;
}

export const NOT_CURRENT_PASSWORD = 'This is not your current password.';

/**
 * Proof, for a sensitive change, that the person at the keyboard is the account's owner and not
 * someone with a borrowed session: the current password; or, for an account made with GitHub or
 * Google that has none, a session started within the last few minutes (the provider just asked
 * them). Null when proven, else the failure to answer with. Callers rate limit per account.
 */
export async function reauthenticate(
  viewer: SignedIn,
  account: { passwordHash?: string | null },
  currentPassword: string | undefined,
  now = Date.now(),
): Promise<Failure | null> {
  if (account.passwordHash) {
    if (!currentPassword) return failFields({ currentPassword: 'Enter your current password.' });
    return (await verifyPassword(account.passwordHash, currentPassword))
      ? null
      : failFields({ currentPassword: NOT_CURRENT_PASSWORD });
  }
  if (await signedInRecently(viewer.sessionId, now)) return null;
  return fail(
    'unauthorized',
    `Your account has no password, so we need a fresh sign-in: sign out, sign in again with GitHub or Google, and try again within ${RECENT_SIGN_IN_MINUTES} minutes. Or set a password with “Forgot password?” on the sign-in page.`,
  );
}
