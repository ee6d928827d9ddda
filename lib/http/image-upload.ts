import 'server-only';
import type { NextResponse } from 'next/server';
import { MAX_IMAGE_UPLOAD_BYTES } from './body-limits';
import { failureResponse, guardWrite, resultResponse } from './responses';
import { failFields, ok, type Failure, type Result } from '@/lib/validation/result';
import { requireViewer, type SignedIn } from '@/lib/auth/require-viewer';

/**
 * The uploaded file, read from the request only when the handler asks for it: a handler checks
 * limits and ownership first, so a refused upload is never read, let alone decoded.
 */
export type UploadedFile = () => Promise<Result<Buffer>>;

/** The bytes of an upload: given directly (tests, scripts) or read from the request on demand. */
export function readUpload(upload: Buffer | UploadedFile): Promise<Result<Buffer>> {
  return Buffer.isBuffer(upload) ? Promise.resolve(ok(upload)) : upload();
}

/**
 * An image upload by a signed-in person: multipart/form-data with one file in `field`. Passes the
 * same gate as a JSON write (same origin; 409 and 503 alike), refused early when the request says
 * it is too large, before anything is read.
 */
export function handleImageUpload<T>(
  request: Request,
  field: string,
  handle: (viewer: SignedIn, upload: UploadedFile) => Promise<Result<T>>,
): Promise<NextResponse> {
  const tooLarge: Failure = {
    ok: false,
    code: 'too-large',
    fieldErrors: { [field]: 'Images can be at most 5 MB.' },
  };
  return guardWrite(request, { maxBytes: MAX_IMAGE_UPLOAD_BYTES, tooLarge }, async () => {
    const signedIn = await requireViewer();
    if (!signedIn.ok) return failureResponse(signedIn);
    return resultResponse(await handle(signedIn.viewer, () => readFile(request, field)));
  });
}

async function readFile(request: Request, field: string): Promise<Result<Buffer>> {
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get(field);
  } catch {
    return failFields({ [field]: 'Choose an image file to upload.' }, 'malformed');
  }
  if (!(file instanceof File)) {
    return failFields({ [field]: 'Choose an image file to upload.' });
  }
  return ok(Buffer.from(await file.arrayBuffer()));
}
