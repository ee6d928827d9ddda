import 'server-only';
import { Types } from 'mongoose';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { UserModel, type Role } from '@/lib/users/user-model';
import { fail, type Failure } from '@/lib/validation/result';

export type { Role };

/** What a member asking for a moderation action or page is told: nothing about what is there. */
export const NOT_A_MODERATOR = 'Only moderators can do this.';

/**
 * The person's role, read from MongoDB on every call (never from a cache or the session): a role
 * revoked on one instance is refused on every instance at once. A deleted account has none.
 */
export async function roleOf(userId: string): Promise<Role> {
  if (!Types.ObjectId.isValid(userId)) return 'member';
  await connectDb();
  const user = await UserModel.findById(userId, { role: 1, deletedAt: 1 }).lean();
  if (!user || user.deletedAt) return 'member';
  return user.role ?? 'member';
}

export function canModerate(role: Role): boolean {
  return role === 'moderator' || role === 'admin';
}

/** The check every moderation action starts with: a moderator or an admin, else 403. */
export async function requireModerator(viewer: SignedIn): Promise<Failure | null> {
  return canModerate(await roleOf(viewer.user.id)) ? null : fail('forbidden', NOT_A_MODERATOR);
}

/** The check of the admins' own actions (naming moderators, reading the audit log). */
export async function requireAdmin(viewer: SignedIn): Promise<Failure | null> {
  return (await roleOf(viewer.user.id)) === 'admin'
    ? null
    : fail('forbidden', 'Only admins can do this.');
}
