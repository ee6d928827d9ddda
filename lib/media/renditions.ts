import { failFields, ok, type Result } from '@/lib/validation/result';
import type { ImageRef } from './image-ref';
import { ImageRejected, processImage, type ProcessedImage } from './image-pipeline';
import { deleteMediaFiles, deleteMediaFolder, putMediaFile } from './media-store';
import { IMAGE_KINDS, renditionFileName, renditionFileNames, type ImageKind } from './names';

/**
 * Checks an upload by its content and re-encodes it into the kind's renditions. A refused image
 * is a 422 on the field named after the kind (`avatar`, `cover`).
 */
export async function processRenditions(
  kind: ImageKind,
  upload: Buffer,
): Promise<Result<ProcessedImage>> {
  const { widths, aspect } = IMAGE_KINDS[kind];
  try {
    return ok(await processImage(upload, widths, aspect));
  } catch (error) {
    if (error instanceof ImageRejected) return failFields({ [kind]: error.message });
    throw error;
  }
}

/** Stores processed renditions under their owner; returns the reference the owner keeps. */
export async function storeRenditions(
  kind: ImageKind,
  ownerId: string,
  processed: ProcessedImage,
): Promise<ImageRef> {
  await Promise.all(
    processed.renditions.map((rendition) =>
      putMediaFile(
        renditionFileName(kind, ownerId, processed.hash, rendition.width),
        rendition.data,
        'image/webp',
      ),
    ),
  );
  return { hash: processed.hash, sizes: [...IMAGE_KINDS[kind].widths] };
}

/** Deletes an image's stored renditions (none when there is no image, or it is `keep`). */
export async function deleteRenditions(
  kind: ImageKind,
  ownerId: string,
  image: ImageRef | null | undefined,
  keep?: ImageRef,
): Promise<void> {
  if (!image || image.hash === keep?.hash) return;
  await deleteMediaFiles(renditionFileNames(kind, ownerId, image));
}

/** Deletes every stored image of an owner of `kind` (a deleted account's avatars, an article's covers). */
export function deleteOwnerImages(kind: ImageKind, ownerId: string): Promise<number> {
  return deleteMediaFolder(`${IMAGE_KINDS[kind].folder}/${ownerId}/`);
}
