import 'server-only';
import type { ImageRef } from '@/lib/media/image-ref';
import { UserModel } from '@/lib/users/user-model';
import { connectDb } from '@/lib/db/connection';
import { deleteRenditions, processRenditions, storeRenditions } from '@/lib/media/renditions';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { readUpload, type UploadedFile } from '@/lib/http/image-upload';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, ok, type Result } from '@/lib/validation/result';
import { invalidateUser } from '@/lib/users/cache';

/** Validates, re-encodes and stores a new avatar, then points the profile at it. */
export async function setAvatar(
  viewer: SignedIn,
  upload: Buffer | UploadedFile,
): Promise<Result<{ avatar: ImageRef }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.avatarUploadPerAccount, viewer.user.id]],
    'avatar uploads',
  );
  if (limited) return limited;
  const bytes = await readUpload(upload);
  if (!bytes.ok) return bytes;
  const processed = await processRenditions('avatar', bytes.value);
  if (!processed.ok) return processed;
  const userId = viewer.user.id;
  const avatar = await storeRenditions('avatar', userId, processed.value);
  await connectDb();
  // No projection here: FerretDB v1 does not implement `fields` in findAndModify.
  const previous = await UserModel.findOneAndUpdate(
    { _id: userId },
    { $set: { avatar } },
    { returnDocument: 'before' },
  ).lean();
  await invalidateUser(userId, viewer.user.usernameKey);
  await deleteRenditions('avatar', userId, previous?.avatar, avatar);
  return ok({ avatar });
}

export async function removeAvatar(viewer: SignedIn): Promise<Result<{ avatar: null }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.profileUpdatesPerAccount, viewer.user.id]],
    'profile changes',
  );
  if (limited) return limited;
  await connectDb();
  const previous = await UserModel.findOneAndUpdate(
    { _id: viewer.user.id },
    { $set: { avatar: null } },
    { returnDocument: 'before' },
  ).lean();
  if (!previous) return fail('not-found', 'Your account no longer exists.');
  await invalidateUser(viewer.user.id, viewer.user.usernameKey);
  await deleteRenditions('avatar', viewer.user.id, previous.avatar);
  return ok({ avatar: null });
}
