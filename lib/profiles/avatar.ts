import 'server-only';
import type { ImageRef } from '@/lib/media/image-ref';
import { UserModel } from '@/lib/users/user-model';
import { connectDb } from '@/lib/db/connection';
import { ImageRejected, processImage } from '@/lib/media/image-pipeline';
import { avatarFileName } from '@/lib/media/names';
import { deleteMediaFiles, putMediaFile } from '@/lib/media/media-store';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { readUpload, type UploadedFile } from '@/lib/auth/image-upload';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, failFields, ok, type Result } from '@/lib/validation/result';
import { invalidateUser } from '@/lib/users/cache';

export const AVATAR_WIDTHS = [40, 96, 256] as const;

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
  let processed;
  try {
    processed = await processImage(bytes.value, AVATAR_WIDTHS, { width: 1, height: 1 });
  } catch (error) {
    if (error instanceof ImageRejected) return failFields({ avatar: error.message });
    throw error;
  }
  const userId = viewer.user.id;
  await Promise.all(
    processed.renditions.map((rendition) =>
      putMediaFile(
        avatarFileName(userId, processed.hash, rendition.width),
        rendition.data,
        'image/webp',
      ),
    ),
  );
  const avatar: ImageRef = { hash: processed.hash, sizes: [...AVATAR_WIDTHS] };
  await connectDb();
  // No projection here: FerretDB v1 does not implement `fields` in findAndModify.
  const previous = await UserModel.findOneAndUpdate(
    { _id: userId },
    { $set: { avatar } },
    { returnDocument: 'before' },
  ).lean();
  await invalidateUser(userId, viewer.user.usernameKey);
  await removeRenditions(userId, previous?.avatar, avatar.hash);
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
  await removeRenditions(viewer.user.id, previous.avatar);
  return ok({ avatar: null });
}

async function removeRenditions(
  userId: string,
  old: ImageRef | null | undefined,
  keepHash?: string,
): Promise<void> {
  if (!old || old.hash === keepHash) return;
  await deleteMediaFiles(old.sizes.map((width) => avatarFileName(userId, old.hash, width)));
}
