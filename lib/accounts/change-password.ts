import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { endOtherSessions } from '@/lib/sessions/session-store';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { changePasswordSchema } from './schemas';
import { UserModel } from '@/lib/users/user-model';

/** Changes the viewer's password after checking the current one, then ends every other session. */
export async function changePassword(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ endedSessions: number }>> {
  const parsed = parseInput(changePasswordSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.passwordChangePerAccount, viewer.user.id]],
    'password changes',
  );
  if (limited) return limited;
  await connectDb();
  const user = await UserModel.findById(viewer.user.id, {
    passwordHash: 1,
    usernameKey: 1,
    email: 1,
  }).lean();
  if (!user) return fail('not-found', 'Your account no longer exists.');
  if (
    !user.passwordHash ||
    !(await verifyPassword(user.passwordHash, parsed.value.currentPassword))
  ) {
    return failFields({ currentPassword: 'This is not your current password.' });
  }
  const lower = parsed.value.newPassword.toLowerCase();
  if (lower === user.usernameKey || lower === user.email) {
    return failFields({ newPassword: 'Your password must differ from your username and email.' });
  }
  await UserModel.updateOne(
    { _id: user._id },
    {
      $set: {
        passwordHash: await hashPassword(parsed.value.newPassword),
        passwordChangedAt: new Date(),
      },
    },
  );
  return ok({ endedSessions: await endOtherSessions(viewer.user.id, viewer.sessionId) });
}
