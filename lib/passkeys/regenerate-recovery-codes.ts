import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, type Result } from '@/lib/validation/result';
import { TwoStepModel } from './models';
import type { PasskeyOwner } from './owner';
import { replaceRecoveryCodes } from './recovery-codes';

/** Ten new recovery codes, shown this once; every earlier code stops working. */
export async function regenerateRecoveryCodes(
  owner: PasskeyOwner,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.twoStepChangesPerAccount, owner.user.id]],
    'two-step sign-in changes',
  );
  if (limited) return limited;
  await connectDb();
  if (!(await TwoStepModel.exists({ userId: owner.user.id })))
    return fail('conflict', 'Turn on two-step sign-in first.');
  return ok({ recoveryCodes: await replaceRecoveryCodes(owner.user.id) });
}
