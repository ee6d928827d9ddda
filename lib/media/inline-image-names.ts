/**
 * Images inside an article's text: where their renditions live and how a URL in the Markdown
 * names them. Pure (no server code): the render worker, the editor and the server share it.
 *
 * The Markdown refers to an image by the URL of its largest rendition, which carries the image's
 * size: `/media/images/<articleId>/<hash>-<width>x<height>.webp`. Smaller renditions sit beside it
 * (`…-<width>x<height>-<w>w.webp`), so the renderer can write `srcset`, `width` and `height`
 * from the URL alone, without reading MongoDB.
 */
export const INLINE_IMAGES = {
  folder: 'images',
  /** The largest rendition fits in this box (never enlarged); the size the Markdown names. */
  maxWidth: 1600,
  maxHeight: 3200,
  /** Smaller renditions, each made only when narrower than the largest. */
  widths: [480, 960] as const,
  /** Images uploaded into one article (each of them, used or not, counts). */
  perArticle: 30,
} as const;

export interface InlineImage {
  articleId: string;
  hash: string;
  /** Size of the largest rendition, in pixels. */
  width: number;
  height: number;
}

const URL_PATTERN = /^\/media\/images\/([a-f0-9]{24})\/([a-f0-9]{20})-(\d{1,4})x(\d{1,4})\.webp$/;

/** A stored file name of an inline image (for the media route's allowlist). */
export const INLINE_IMAGE_FILE =
  /^images\/[a-f0-9]{24}\/[a-f0-9]{20}-\d{1,4}x\d{1,4}(-\d{2,4}w)?\.webp$/;

/** The file name of the largest rendition (with no `w`) or of a smaller one `w` wide. */
export function inlineImageFileName(image: InlineImage, renditionWidth?: number): string {
  const base = `${INLINE_IMAGES.folder}/${image.articleId}/${image.hash}-${image.width}x${image.height}`;
  return renditionWidth === undefined || renditionWidth >= image.width
    ? `${base}.webp`
    : `${base}-${renditionWidth}w.webp`;
}

/** What the Markdown names an image by. */
export function inlineImageUrl(image: InlineImage): string {
  return `/media/${inlineImageFileName(image)}`;
}

/** The image a URL of ours names, or null for anything else (another host, a made-up path). */
export function parseInlineImageUrl(src: string): InlineImage | null {
  const match = URL_PATTERN.exec(src);
  if (!match) return null;
  const [, articleId = '', hash = '', width = '0', height = '0'] = match;
  const image = { articleId, hash, width: Number(width), height: Number(height) };
  return image.width >= 1 && image.height >= 1 ? image : null;
}

/** The widths stored for an image: the smaller renditions narrower than it, then its own. */
export function inlineRenditionWidths(width: number): number[] {
  return [...INLINE_IMAGES.widths.filter((w) => w < width), width];
}

/** The height of the rendition `w` wide (the same rounding the pipeline uses). */
export function inlineRenditionHeight(image: Pick<InlineImage, 'width' | 'height'>, w: number) {
  return w >= image.width
    ? image.height
    : Math.max(1, Math.round((w * image.height) / image.width));
}

/** `src`, `srcset`, `sizes`, `width` and `height` of an `<img>` showing the image. */
export function inlineImageAttributes(image: InlineImage) {
  const widths = inlineRenditionWidths(image.width);
  const url = (w: number) => `/media/${inlineImageFileName(image, w)}`;
  const middle = widths.find((w) => w >= 960) ?? image.width;
  return {
    src: url(middle),
    srcSet: widths.map((w) => `${url(w)} ${w}w`).join(', '),
    // The article column is at most about 720 CSS pixels wide.
    sizes: '(min-width: 800px) 720px, 100vw',
    width: image.width,
    height: image.height,
  };
}
