import type { ImageRef } from './image-ref';

/**
 * How each kind of uploaded image is kept: its folder, the widths of its stored renditions
 * (all WebP) and its shape. Avatars and covers differ only here.
 */
export const IMAGE_KINDS = {
  avatar: { folder: 'avatars', widths: [40, 96, 256], aspect: { width: 1, height: 1 } },
  cover: { folder: 'covers', widths: [640, 1280], aspect: { width: 2, height: 1 } },
} as const;

export type ImageKind = keyof typeof IMAGE_KINDS;

/**
 * Where stored images live and the URLs that serve them (`/media/<name>`). The content hash is
 * part of every name, so a URL never changes meaning and can be cached forever. Pure: pages and
 * client components use it too. `ownerId` is the user (avatars) or the article (covers).
 */
export function renditionFileName(
  kind: ImageKind,
  ownerId: string,
  hash: string,
  width: number,
): string {
  return `${IMAGE_KINDS[kind].folder}/${ownerId}/${hash}-${width}.webp`;
}

/** Every stored rendition of an image. */
export function renditionFileNames(kind: ImageKind, ownerId: string, image: ImageRef): string[] {
  return image.sizes.map((width) => renditionFileName(kind, ownerId, image.hash, width));
}

/** The smallest stored width of at least `wanted` pixels (else the largest). */
function widthFor(image: ImageRef, wanted: number): number {
  return (
    image.sizes.find((size) => size >= wanted) ?? image.sizes[image.sizes.length - 1] ?? wanted
  );
}

export function renditionUrl(
  kind: ImageKind,
  ownerId: string,
  image: ImageRef,
  wantedWidth: number,
): string {
  return `/media/${renditionFileName(kind, ownerId, image.hash, widthFor(image, wantedWidth))}`;
}

export function avatarUrl(userId: string, avatar: ImageRef, wantedWidth: number): string {
  return renditionUrl('avatar', userId, avatar, wantedWidth);
}

export function coverUrl(articleId: string, cover: ImageRef, width: number): string {
  return renditionUrl('cover', articleId, cover, width);
}
