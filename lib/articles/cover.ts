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
 *
 * The version is left alone: it is the base of the text an editor sends (staleVersion in
 * access.ts), and no save writes the cover, so a cover change can overwrite no one's text. Were it
 * bumped, the editor that uploaded would have to adopt a version another tab may have made too.
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
    await ArticleModel.updateOne({ _id: current._id }, { $set: { cover } });
    if (current.status === 'published') await storeArticleView({ ...current, cover }, current);
    await deleteRenditions('cover', articleId, current.cover, cover);
    return ok({ cover });
  });
}

/** Removes an article's cover ("Remove cover"); like setting one, it leaves the version alone. */
export async function removeCover(
  viewer: SignedIn,
  articleId: string,
): Promise<Result<{ cover: null }>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.coverUploadsPerAccount, viewer.user.id]],
    'cover changes',
  );
  if (limited) return limited;
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    const current = found.value;
    if (!current.cover) return ok({ cover: null });
    await ArticleModel.updateOne({ _id: current._id }, { $set: { cover: null } });
    if (current.status === 'published')
      await storeArticleView({ ...current, cover: null }, current);
    await deleteRenditions('cover', articleId, current.cover);
    return ok({ cover: null });
  });
}
