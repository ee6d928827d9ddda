import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { PasskeyModel } from './models';
import type { PasskeyOwner } from './owner';
import { removePasskeySchema } from './schemas';

/** Removes one of the person's own passkeys; someone else's is simply not found. */
export async function removePasskey(
  owner: PasskeyOwner,
  input: unknown,
): Promise<Result<{ removed: number }>> {
  const parsed = parseInput(removePasskeySchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.passkeyChangesPerAccount, owner.user.id]],
    'passkey changes',
  );
  if (limited) return limited;
  await connectDb();
  const { deletedCount } = await PasskeyModel.deleteOne({
    _id: parsed.value.id,
    userId: owner.user.id,
  });
  return deletedCount === 1
    ? ok({ removed: 1 })
    : fail('not-found', 'That passkey was already removed.');
}
