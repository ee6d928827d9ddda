import 'server-only';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { verifyPassword } from '@/lib/auth/passwords';
import { connectDb } from '@/lib/db/connection';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { endOtherSessions } from '@/lib/sessions/session-store';
import { invalidateUser } from '@/lib/users/cache';
import { PASSWORD_MAX } from '@/lib/users/schemas';
import { UserModel, type User } from '@/lib/users/user-model';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { accountDeletionRequested } from './events';
import { RECENT_SIGN_IN_MINUTES, signedInRecently } from './reauthenticate';

export const deleteAccountSchema = z.object({
  // Optional: accounts made with GitHub or Google have none and re-authenticate by signing in.
  password: z.string({ error: 'Enter your password.' }).max(PASSWORD_MAX).optional(),
});

export const SIGN_IN_AGAIN = `For your safety, sign out and sign in again with GitHub or Google, then delete your account within ${RECENT_SIGN_IN_MINUTES} minutes.`;

/** Whether the viewer may delete the account now: the password, or a sign-in made moments ago. */
async function reauthenticate(
  user: Pick<User, 'passwordHash'>,
  viewer: SignedIn,
  password: string | undefined,
  now: number,
): Promise<Result<true>> {
  if (user.passwordHash) {
    if (!password) return failFields({ password: 'Enter your password to delete your account.' });
    if (!(await verifyPassword(user.passwordHash, password)))
      return failFields({ password: 'This is not your password.' });
    return ok(true);
  }
  if (!(await signedInRecently(viewer.sessionId, now))) return fail('forbidden', SIGN_IN_AGAIN);
  return ok(true);
}

/** What the settings page asks for: the password, or (without one) a sign-in made moments ago. */
export type DeletionCheck = 'password' | 'fresh-sign-in' | 'sign-in-again';

export async function deletionCheckFor(viewer: SignedIn, now = Date.now()): Promise<DeletionCheck> {
  await connectDb();
  const user = await UserModel.findById(viewer.user.id, { passwordHash: 1 }).lean();
  if (user?.passwordHash) return 'password';
  return (await signedInRecently(viewer.sessionId, now)) ? 'fresh-sign-in' : 'sign-in-again';
}

/**
 * Deletes the viewer's own account (there is no id to name: it is always the viewer). After the
 * password (or a fresh sign-in) it is unusable at once: marked deleted, so every page, list and
 * sign-in treats it as gone; its cached object dropped; every session ended. The delete-account
 * job then removes everything of it (jobs/delete-account.ts); the event goes through the outbox.
 */
export async function deleteAccount(
  viewer: SignedIn,
  input: unknown,
  now = Date.now(),
): Promise<Result<{ deleted: true }>> {
  const parsed = parseInput(deleteAccountSchema, input ?? {});
  if (!parsed.ok) return parsed;
  const userId = viewer.user.id;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.accountDeletionsPerAccount, userId]],
    'attempts to delete your account',
  );
  if (limited) return limited;
  await connectDb();
  const user = await UserModel.findById(userId, {
    passwordHash: 1,
    usernameKey: 1,
    deletedAt: 1,
  }).lean();
  if (!user || user.deletedAt) return fail('not-found', 'Your account no longer exists.');
  const allowed = await reauthenticate(user, viewer, parsed.value.password, now);
  if (!allowed.ok) return allowed;

  const requestedAt = new Date(now);
  const requested = accountDeletionRequested.create(
    { userId, requestedAt: requestedAt.toISOString() },
    // One deletion per account: a repeated request starts no second run.
    { id: `account-deletion:${userId}` },
  );
  await changeWithEvents(requested, async () => {
    await UserModel.updateOne({ _id: user._id }, { $set: { deletedAt: requestedAt } });
    await invalidateUser(userId, user.usernameKey);
    await endOtherSessions(userId);
  });
  return ok({ deleted: true as const });
}
