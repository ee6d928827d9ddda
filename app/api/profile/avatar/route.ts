import { failureResponse, resultResponse } from '@/lib/http/responses';
import { isSameOrigin } from '@/lib/http/same-origin';
import { MAX_IMAGE_BYTES } from '@/lib/media/image-pipeline';
import { removeAvatar, setAvatar } from '@/lib/profiles/avatar';
import { handleViewerWrite } from '@/lib/sessions/viewer-write';
import { requireViewer } from '@/lib/sessions/require-viewer';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

/** Upload an avatar: multipart/form-data with an `avatar` file, at most 5 MB. */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) {
    return failureResponse({
      ok: false,
      status: 403,
      formError: 'This request did not come from Inkwell.',
    });
  }
  // Refuse an oversized upload before reading it.
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return failureResponse({
      ok: false,
      status: 413,
      fieldErrors: { avatar: 'Images can be at most 5 MB.' },
    });
  }
  const signedIn = await requireViewer();
  if (!signedIn.ok) return failureResponse(signedIn);
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get('avatar');
  } catch {
    return failureResponse({
      ok: false,
      status: 400,
      fieldErrors: { avatar: 'Choose an image file to upload.' },
    });
  }
  if (!(file instanceof File)) {
    return failureResponse({
      ok: false,
      status: 422,
      fieldErrors: { avatar: 'Choose an image file to upload.' },
    });
  }
  return resultResponse(await setAvatar(signedIn.viewer, Buffer.from(await file.arrayBuffer())));
}

/** Remove your avatar (the initials come back). */
export function DELETE(request: Request) {
  return handleViewerWrite(request, async (viewer) => resultResponse(await removeAvatar(viewer)));
}
