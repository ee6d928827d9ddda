import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { deleteRenditions } from '@/lib/media/renditions';
import { invalidateUser } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';

/**
 * A moderator's hiding of a profile (lib/moderation): what the person wrote about themselves (the
 * display name, bio, links and picture) is cleared, so nothing of it shows anywhere; the cached
 * user is dropped, which stamps every page built from it (profile, articles, streams), and the
 * picture's stored renditions are deleted. Their account, articles and friends stay. Returns
 * their username key, or null for no such person.
 */
export async function clearProfile(userId: string): Promise<string | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  await connectDb();
  const user = await UserModel.findById(userId, { username: 1 }).lean();
  if (!user) return null;
  // No projection: FerretDB v1 does not implement `fields` in findAndModify.
  const previous = await UserModel.findOneAndUpdate(
    { _id: user._id },
    { $set: { displayName: user.username, bio: '', links: [], avatar: null } },
    { returnDocument: 'before' },
  ).lean();
  if (!previous) return null;
  await invalidateUser(userId, previous.usernameKey);
  // As "Remove picture" does: the renditions' public URLs must stop serving the picture too.
  await deleteRenditions('avatar', userId, previous.avatar);
  return previous.usernameKey;
}
