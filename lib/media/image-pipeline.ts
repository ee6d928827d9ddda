import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);
const MAX_INPUT_PIXELS = 40_000_000;

export class ImageRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageRejected';
  }
}

export interface Rendition {
  width: number;
  height: number;
  data: Buffer;
}

export interface ProcessedImage {
  /** Hash of the uploaded bytes: the same upload gets the same URLs. */
  hash: string;
  renditions: Rendition[];
}

/**
 * Checks an upload by its content (not its name or declared type), then re-encodes it to WebP
 * at each requested width: metadata and any payload hidden in the original are dropped.
 */
export async function processImage(
  upload: Buffer,
  widths: readonly number[],
  aspect: { width: number; height: number },
): Promise<ProcessedImage> {
  await checkImage(upload);
  const renditions = await encodeAll(
    widths.map((width) => ({ width, height: Math.round((width * aspect.height) / aspect.width) })),
    (size) =>
      sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
        .rotate()
        .resize(size.width, size.height, { fit: 'cover', position: 'attention' }),
  );
  return { hash: hashOf(upload), renditions };
}

/** An image kept whole (not cropped): its largest rendition's size and every rendition. */
export interface ProcessedFreeImage extends ProcessedImage {
  width: number;
  height: number;
}

/**
 * Checks an upload by its content like `processImage`, then re-encodes it whole, in its own
 * shape: the largest rendition fits in `box` (never enlarged), the others are `widths` narrower
 * than it. `heightOf` gives each rendition's height, so the names computed elsewhere agree.
 */
export async function processFreeImage(
  upload: Buffer,
  box: { maxWidth: number; maxHeight: number },
  widthsFor: (width: number) => number[],
  heightOf: (size: { width: number; height: number }, width: number) => number,
): Promise<ProcessedFreeImage> {
  const metadata = await checkImage(upload);
  // EXIF orientations 5-8 turn the picture a quarter: its shown width is the stored height.
  const turned = (metadata.orientation ?? 1) >= 5;
  const shownWidth = (turned ? metadata.height : metadata.width) ?? 1;
  const shownHeight = (turned ? metadata.width : metadata.height) ?? 1;
  const scale = Math.min(1, box.maxWidth / shownWidth, box.maxHeight / shownHeight);
  const full = {
    width: Math.max(1, Math.round(shownWidth * scale)),
    height: Math.max(1, Math.round(shownHeight * scale)),
  };
  const renditions = await encodeAll(
    widthsFor(full.width).map((width) => ({ width, height: heightOf(full, width) })),
    (size) =>
      sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
        .rotate()
        .resize(size.width, size.height, { fit: 'fill' }),
  );
  return { hash: hashOf(upload), ...full, renditions };
}

/** Refuses anything that is not an image of an accepted format, by its bytes. */
async function checkImage(upload: Buffer): Promise<Metadata> {
  if (upload.byteLength === 0) throw new ImageRejected('Choose an image file to upload.');
  if (upload.byteLength > MAX_IMAGE_BYTES) throw new ImageRejected('Images can be at most 5 MB.');
  let metadata: Metadata;
  try {
    metadata = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new ImageRejected(
      'This file is not an image we can read. Upload a JPEG, PNG, WebP, GIF or AVIF.',
    );
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) {
    throw new ImageRejected('Upload a JPEG, PNG, WebP, GIF or AVIF image.');
  }
  return metadata;
}

/** Encodes each size to WebP; metadata and anything hidden in the original are dropped. */
async function encodeAll(
  sizes: { width: number; height: number }[],
  resize: (size: { width: number; height: number }) => Sharp,
): Promise<Rendition[]> {
  return Promise.all(
    sizes.map(async (size) => ({
      ...size,
      data: await resize(size).webp({ quality: 82 }).toBuffer(),
    })),
  ).catch((error: unknown) => {
    throw error instanceof ImageRejected
      ? error
      : new ImageRejected('This image could not be processed. Try another file.');
  });
}

function hashOf(upload: Buffer): string {
  return createHash('sha256').update(upload).digest('hex').slice(0, 20);
}
