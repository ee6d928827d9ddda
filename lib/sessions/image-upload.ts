import 'server-only';
import type { NextResponse } from 'next/server';
import { failureResponse, resultResponse } from '@/lib/http/responses';
import { isSameOrigin } from '@/lib/http/same-origin';
import { MAX_IMAGE_UPLOAD_BYTES } from '@/lib/http/body-limits';
import type { Result } from '@/lib/validation/result';
import { requireViewer, type SignedIn } from './require-viewer';

/**
 * An image upload by a signed-in person: multipart/form-data with one file in `field`. Refused
 * early when the request says it is too large, before anything is read.
 */
export async function handleImageUpload<T>(
  request: Request,
  field: string,
  handle: (viewer: SignedIn, upload: Buffer) => Promise<Result<T>>,
): Promise<NextResponse> {
  if (!isSameOrigin(request)) {
    return failureResponse({
      ok: false,
      status: 403,
      formError: 'This request did not come from Inkwell.',
    });
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_IMAGE_UPLOAD_BYTES) {
    return failureResponse({
      ok: false,
      status: 413,
      fieldErrors: { [field]: 'Images can be at most 5 MB.' },
    });
  }
  const signedIn = await requireViewer();
  if (!signedIn.ok) return failureResponse(signedIn);
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get(field);
  } catch {
    return failureResponse({
      ok: false,
      status: 400,
      fieldErrors: { [field]: 'Choose an image file to upload.' },
    });
  }
  if (!(file instanceof File)) {
    return failureResponse({
      ok: false,
      status: 422,
      fieldErrors: { [field]: 'Choose an image file to upload.' },
    });
  }
  return resultResponse(await handle(signedIn.viewer, Buffer.from(await file.arrayBuffer())));
}
