import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { invalidateUser } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';

/**
 * A moderator's hiding of a profile (lib/moderation): what the person wrote about themselves (the
 * display name, bio, links and picture) is cleared, so nothing of it shows anywhere; the cached
 * user is dropped, which stamps every page built from it (profile, articles, streams). Their
 * account, articles and friends stay. Returns their username key, or null for no such person.
 */
export async function clearProfile(userId: string): Promise<string | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  await connectDb();
  const user = await UserModel.findById(userId, { username: 1, usernameKey: 1 }).lean();
  if (!user) return null;
  await UserModel.updateOne(
    { _id: user._id },
    { $set: { displayName: user.username, bio: '', links: [], avatar: null } },
  );
  await invalidateUser(userId, user.usernameKey);
  return user.usernameKey;
}
