import 'server-only';
import { readUpload, type UploadedFile } from '@/lib/http/image-upload';
import {
  deleteInlineImages,
  listInlineImages,
  processInlineImage,
  storeInlineImage,
} from '@/lib/media/inline-images';
import { INLINE_IMAGES, inlineImageUrl } from '@/lib/media/inline-image-names';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { failFields, ok, type Result } from '@/lib/validation/result';
import { loadOwnArticle } from './access';

/** What the editor inserts: `![alt](url)`, the URL naming the image's size. */
export interface UploadedArticleImage {
  url: string;
  width: number;
  height: number;
}

/** An image the saved text no longer uses is removed after this long, to make room. */
const UNUSED_IMAGE_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Stores an image for use inside the author's own article. Like a cover: the limit and the
 * ownership check come first (someone else's article is "not found" and the bytes are never read),
 * then the bytes are checked by their content and re-encoded. An article holds a bounded number
 * of images; at the bound, images its saved text has not used for a day are removed first.
 * Nothing in the article changes (no version): the editor puts the image in the text it saves.
 */
export async function addArticleImage(
  viewer: SignedIn,
  articleId: string,
  upload: Buffer | UploadedFile,
): Promise<Result<UploadedArticleImage>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.articleImageUploadsPerAccount, viewer.user.id]],
    'image uploads',
  );
  if (limited) return limited;
  const owned = await loadOwnArticle(viewer.user.id, articleId);
  if (!owned.ok) return owned;
  const bytes = await readUpload(upload);
  if (!bytes.ok) return bytes;
  const processed = await processInlineImage(bytes.value);
  if (!processed.ok) return processed;
  // Under the article's lock: a deletion of the article never leaves these files behind.
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    const stored = await listInlineImages(articleId);
    if (!stored.some((image) => image.hash === processed.value.hash)) {
      const unused = stored.filter(
        (image) =>
          !found.value.body.includes(image.hash) &&
          Date.now() - image.storedAt.getTime() > UNUSED_IMAGE_GRACE_MS,
      );
      if (stored.length - unused.length >= INLINE_IMAGES.perArticle)
        return failFields({
          image: `An article can hold at most ${INLINE_IMAGES.perArticle} images.`,
        });
      if (stored.length >= INLINE_IMAGES.perArticle)
        await deleteInlineImages(
          articleId,
          unused.map((image) => image.hash),
        );
    }
    const image = await storeInlineImage(articleId, processed.value);
    return ok({ url: inlineImageUrl(image), width: image.width, height: image.height });
  });
}
