import type { ImageRef } from './image-ref';

/**
 * Where stored images live and the URLs that serve them (`/media/<name>`). The content hash is
 * part of every name, so a URL never changes meaning and can be cached forever. Pure: pages and
 * client components use it too.
 */
export function avatarFileName(userId: string, hash: string, width: number): string {
  return `avatars/${userId}/${hash}-${width}.webp`;
}

export function coverFileName(articleId: string, hash: string, width: number): string {
  return `covers/${articleId}/${hash}-${width}.webp`;
}

/** The smallest stored width of at least `wanted` pixels (else the largest). */
function widthFor(image: ImageRef, wanted: number): number {
  return (
    image.sizes.find((size) => size >= wanted) ?? image.sizes[image.sizes.length - 1] ?? wanted
  );
}

export function avatarUrl(userId: string, avatar: ImageRef, wantedWidth: number): string {
  return `/media/${avatarFileName(userId, avatar.hash, widthFor(avatar, wantedWidth))}`;
}

export function coverUrl(articleId: string, cover: ImageRef, width: number): string {
  return `/media/${coverFileName(articleId, cover.hash, widthFor(cover, width))}`;
}
