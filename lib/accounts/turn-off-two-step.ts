import 'server-only';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { verifyPassword } from '@/lib/auth/passwords';
import { connectDb } from '@/lib/db/connection';
import { disableTwoStep } from '@/lib/passkeys/disable-two-step';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { UserModel } from '@/lib/users/user-model';
import { PASSWORD_MAX } from '@/lib/users/schemas';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';

const ENTER_PASSWORD = 'Enter your current password to turn this off.';

export const turnOffTwoStepSchema = z.object({
  currentPassword: z
    .string({ error: ENTER_PASSWORD })
    .min(1, ENTER_PASSWORD)
    .max(PASSWORD_MAX, ENTER_PASSWORD),
});

/**
 * Turns two-step sign-in off, only after re-authentication with the current password: a session
 * someone else got hold of cannot weaken the sign-in it did not pass. The recovery codes go too.
 */
export async function turnOffTwoStep(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ enabled: false }>> {
  const parsed = parseInput(turnOffTwoStepSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.twoStepChangesPerAccount, viewer.user.id]],
    'two-step sign-in changes',
  );
  if (limited) return limited;
  await connectDb();
  const user = await UserModel.findById(viewer.user.id, { passwordHash: 1 }).lean();
  if (!user) return fail('not-found', 'Your account no longer exists.');
  if (
    !user.passwordHash ||
    !(await verifyPassword(user.passwordHash, parsed.value.currentPassword))
  )
    return failFields({ currentPassword: 'This is not your current password.' }, 'unauthorized');
  await disableTwoStep(viewer.user.id);
  return ok({ enabled: false });
}
