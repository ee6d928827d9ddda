import 'server-only';
import type { ImageRef } from '@/lib/media/image-ref';
import { ImageRejected, processImage } from '@/lib/media/image-pipeline';
import { deleteMediaFiles, putMediaFile } from '@/lib/media/media-store';
import { coverFileName } from '@/lib/media/names';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import { readUpload, type UploadedFile } from '@/lib/auth/image-upload';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { failFields, ok, type Result } from '@/lib/validation/result';
import { loadOwnArticle } from './access';
import { storeArticleView } from './cache';
import { ArticleModel } from './models';

/** Cover images: 2:1, the same pipeline as avatars (checked by content, re-encoded to WebP). */
export const COVER_WIDTHS = [640, 1280] as const;

export function coverFileNames(articleId: string, cover: ImageRef): string[] {
  return cover.sizes.map((width) => coverFileName(articleId, cover.hash, width));
}

/**
 * Sets an article's cover. The limit and the ownership check come first: an upload for someone
 * else's article is "not found" without its bytes ever being read or decoded.
 */
export async function setCover(
  viewer: SignedIn,
  articleId: string,
  upload: Buffer | UploadedFile,
): Promise<Result<{ cover: ImageRef }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.coverUploadsPerAccount, viewer.user.id]],
    'cover uploads',
  );
  if (limited) return limited;
  const owned = await loadOwnArticle(viewer.user.id, articleId);
  if (!owned.ok) return owned;
  const bytes = await readUpload(upload);
  if (!bytes.ok) return bytes;
  let processed;
  try {
    processed = await processImage(bytes.value, COVER_WIDTHS, { width: 2, height: 1 });
  } catch (error) {
    if (error instanceof ImageRejected) return failFields({ cover: error.message });
    throw error;
  }
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    const current = found.value;
    await Promise.all(
      processed.renditions.map((rendition) =>
        putMediaFile(
          coverFileName(articleId, processed.hash, rendition.width),
          rendition.data,
          'image/webp',
        ),
      ),
    );
    const cover: ImageRef = { hash: processed.hash, sizes: [...COVER_WIDTHS] };
    const version = current.version + 1;
    await ArticleModel.updateOne({ _id: current._id }, { $set: { cover, version } });
    if (current.status === 'published')
      await storeArticleView({ ...current, cover, version }, current);
    if (current.cover && current.cover.hash !== cover.hash)
      await deleteMediaFiles(coverFileNames(articleId, current.cover));
    return ok({ cover });
  });
}
