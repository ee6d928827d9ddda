/**
 * A stored image (an avatar, an article cover): the content hash of the original upload and the
 * widths of its WebP renditions. The hash is part of every file name and URL (names.ts), so a URL
 * never changes meaning.
 */
export interface ImageRef {
  /** Content hash of the original upload. */
  hash: string;
  /** Widths in pixels of the stored WebP renditions. */
  sizes: number[];
}
