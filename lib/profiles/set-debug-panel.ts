import 'server-only';
import { z } from 'zod';
import { UserModel } from '@/lib/users/user-model';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import { invalidateUser } from '@/lib/users/cache';

export const debugPanelSchema = z.object({
  enabled: z.boolean({ error: 'Say whether to show the panel (true or false).' }),
});

/** Turns the request-cost panel on or off for the viewer. */
export async function setDebugPanel(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ enabled: boolean }>> {
  const parsed = parseInput(debugPanelSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.profileUpdatesPerAccount, viewer.user.id]],
    'profile changes',
  );
  if (limited) return limited;
  await connectDb();
  await UserModel.updateOne(
    { _id: viewer.user.id },
    { $set: { debugPanel: parsed.value.enabled } },
  );
  await invalidateUser(viewer.user.id, viewer.user.usernameKey);
  return ok({ enabled: parsed.value.enabled });
}
