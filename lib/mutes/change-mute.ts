import 'server-only';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { getUserByUsername } from '@/lib/users/cache';
import { fail, parseInput, type Result } from '@/lib/validation/result';
import { muteUser } from './mute-user';
import { unmuteUser } from './unmute-user';

export const muteChangeSchema = z.object({
  username: z.string({ error: 'Say whom to mute.' }).trim().min(1).max(30),
  action: z.enum(['mute', 'unmute'], { error: 'Unknown action.' }),
});

/** The one entry point of /api/mutes: who, and whether to mute or unmute them. */
export async function changeMute(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ muted: boolean }>> {
  const parsed = parseInput(muteChangeSchema, input);
  if (!parsed.ok) return parsed;
  const other = await getUserByUsername(parsed.value.username);
  if (!other) return fail('not-found', 'There is no such person on Inkwell.');
  const me = viewer.user.id;
  const limited = await enforceRateLimits([[RATE_LIMITS.mutesPerAccount, me]], 'mutes and unmutes');
  if (limited) return limited;
  return parsed.value.action === 'mute' ? muteUser(me, other.id) : unmuteUser(me, other.id);
}
