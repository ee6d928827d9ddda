import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { removeAvatar, setAvatar } from '@/lib/profiles/avatar';
import { handleImageUpload } from '@/lib/http/image-upload';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Upload an avatar: multipart/form-data with an `avatar` file, at most 5 MB. */
export function POST(request: Request) {
  return handleImageUpload(request, 'avatar', setAvatar);
}

/** Remove your avatar (the initials come back). */
export function DELETE(request: Request) {
  return handleViewerWrite(request, async (viewer) =>
    respond(api.removeAvatar, await removeAvatar(viewer)),
  );
}
