import { failFields, ok, type Result } from '@/lib/validation/result';
import { ImageRejected, processFreeImage, type ProcessedFreeImage } from './image-pipeline';
import { deleteMediaFiles, deleteMediaFolder, listMediaFolder, putMediaFile } from './media-store';
import {
  INLINE_IMAGES,
  inlineImageFileName,
  inlineRenditionHeight,
  inlineRenditionWidths,
  type InlineImage,
} from './inline-image-names';

/**
 * Images inside articles go through the same pipeline as covers and avatars (checked by their
 * bytes, re-encoded to WebP, stored in GridFS), kept in their own shape. A refused image is a 422
 * on the `image` field.
 */
export async function processInlineImage(upload: Buffer): Promise<Result<ProcessedFreeImage>> {
  try {
    return ok(
      await processFreeImage(upload, INLINE_IMAGES, inlineRenditionWidths, inlineRenditionHeight),
    );
  } catch (error) {
    if (error instanceof ImageRejected) return failFields({ image: error.message });
    throw error;
  }
}

export async function storeInlineImage(
  articleId: string,
  processed: ProcessedFreeImage,
): Promise<InlineImage> {
  const image = {
    articleId,
    hash: processed.hash,
    width: processed.width,
    height: processed.height,
  };
  await Promise.all(
    processed.renditions.map((rendition) =>
      putMediaFile(inlineImageFileName(image, rendition.width), rendition.data, 'image/webp'),
    ),
  );
  return image;
}

const folderOf = (articleId: string) => `${INLINE_IMAGES.folder}/${articleId}/`;

/**
 * The images stored for an article, each once by its largest rendition (the file the Markdown
 * names), oldest first.
 */
export async function listInlineImages(
  articleId: string,
): Promise<{ hash: string; filename: string; storedAt: Date }[]> {
  const files = await listMediaFolder(folderOf(articleId));
  return files
    .map((file) => ({ match: /\/([a-f0-9]{20})-\d+x\d+\.webp$/.exec(file.filename), file }))
    .filter(({ match }) => match)
    .map(({ match, file }) => ({
      hash: match?.[1] ?? '',
      filename: file.filename,
      storedAt: file.uploadDate,
    }))
    .sort((a, b) => a.storedAt.getTime() - b.storedAt.getTime());
}

/** Deletes the stored images of an article whose hashes are given (every rendition of each). */
export async function deleteInlineImages(articleId: string, hashes: string[]): Promise<void> {
  if (hashes.length === 0) return;
  const files = await listMediaFolder(folderOf(articleId));
  await deleteMediaFiles(
    files
      .map((file) => file.filename)
      .filter((name) => hashes.some((hash) => name.startsWith(`${folderOf(articleId)}${hash}-`))),
  );
}

/** Deletes every image of an article (it, or its author's account, is being deleted). */
export function deleteArticleInlineImages(articleId: string): Promise<number> {
  return deleteMediaFolder(folderOf(articleId));
}
