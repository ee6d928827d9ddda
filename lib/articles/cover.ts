import 'server-only';
import type { ImageRef } from '@/lib/media/image-ref';
import { deleteRenditions, processRenditions, storeRenditions } from '@/lib/media/renditions';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import { readUpload, type UploadedFile } from '@/lib/http/image-upload';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, type Result } from '@/lib/validation/result';
import { loadOwnArticle } from './access';
import { storeArticleView } from './cache';
import { ArticleModel } from './models';

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
  const processed = await processRenditions('cover', bytes.value);
  if (!processed.ok) return processed;
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    const current = found.value;
    const cover = await storeRenditions('cover', articleId, processed.value);
    const version = current.version + 1;
    await ArticleModel.updateOne({ _id: current._id }, { $set: { cover, version } });
    if (current.status === 'published')
      await storeArticleView({ ...current, cover, version }, current);
    await deleteRenditions('cover', articleId, current.cover, cover);
    return ok({ cover });
  });
}
