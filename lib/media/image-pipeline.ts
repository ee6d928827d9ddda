import { createHash } from 'node:crypto';
import sharp from 'sharp';

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
  if (upload.byteLength === 0) throw new ImageRejected('Choose an image file to upload.');
  if (upload.byteLength > MAX_IMAGE_BYTES) throw new ImageRejected('Images can be at most 5 MB.');
  let format: string | undefined;
  try {
    const metadata = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    format = metadata.format;
  } catch {
    throw new ImageRejected(
      'This file is not an image we can read. Upload a JPEG, PNG, WebP, GIF or AVIF.',
    );
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new ImageRejected('Upload a JPEG, PNG, WebP, GIF or AVIF image.');
  }
  const renditions = await Promise.all(
    widths.map(async (width) => {
      const height = Math.round((width * aspect.height) / aspect.width);
      const data = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
        .rotate()
        .resize(width, height, { fit: 'cover', position: 'attention' })
        .webp({ quality: 82 })
        .toBuffer();
      return { width, height, data };
    }),
  ).catch((error: unknown) => {
    throw error instanceof ImageRejected
      ? error
      : new ImageRejected('This image could not be processed. Try another file.');
  });
  return { hash: createHash('sha256').update(upload).digest('hex').slice(0, 20), renditions };
}
