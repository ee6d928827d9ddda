import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { UserModel } from '@/lib/users/user-model';
import { fail, ok, type Result } from '@/lib/validation/result';
import { TwoStepModel } from './models';
import type { PasskeyOwner } from './owner';
import { replaceRecoveryCodes } from './recovery-codes';

export const NO_PASSWORD_FOR_TWO_STEP =
  'You sign in with GitHub or Google, not with a password: there is no password for a second step to follow. Protect that account with its own two-step settings.';

/**
 * "Require a passkey or code after the password": from now on a correct password is not enough
 * to start a session. Answers the ten recovery codes, shown this once.
 */
export async function turnOnTwoStep(
  owner: PasskeyOwner,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.twoStepChangesPerAccount, owner.user.id]],
    'two-step sign-in changes',
  );
  if (limited) return limited;
  await connectDb();
  const user = await UserModel.findById(owner.user.id, { passwordHash: 1 }).lean();
  if (!user) return fail('not-found', 'Your account no longer exists.');
  if (!user.passwordHash) return fail('conflict', NO_PASSWORD_FOR_TWO_STEP);
  if (await TwoStepModel.exists({ userId: owner.user.id }))
    return fail('conflict', 'Two-step sign-in is already on.');
  // Codes first: from the moment two-step is on, the person holds a way through it.
  const recoveryCodes = await replaceRecoveryCodes(owner.user.id);
  await TwoStepModel.updateOne(
    { userId: owner.user.id },
    { $setOnInsert: { userId: owner.user.id, enabledAt: new Date() } },
    { upsert: true },
  );
  return ok({ recoveryCodes });
}
