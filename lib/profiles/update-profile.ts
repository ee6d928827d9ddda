import 'server-only';
import { UserModel } from '@/lib/users/user-model';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import { invalidateUser } from '@/lib/users/cache';
import { profileChanged } from '@/lib/users/events';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { profileSchema, type ProfileInput } from './schemas';

/**
 * Saves the viewer's display name, bio and links, drops the cached user object, and tells the
 * search index (user/profile-changed).
 */
export async function updateProfile(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<ProfileInput>> {
  const parsed = parseInput(profileSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.profileUpdatesPerAccount, viewer.user.id]],
    'profile changes',
  );
  if (limited) return limited;
  await connectDb();
  await changeWithEvents(profileChanged.create({ userId: viewer.user.id }), () =>
    UserModel.updateOne({ _id: viewer.user.id }, { $set: parsed.value }),
  );
  await invalidateUser(viewer.user.id, viewer.user.usernameKey);
  return ok(parsed.value);
}
