import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { removeCover, setCover } from '@/lib/articles/cover';
import { handleImageUpload } from '@/lib/http/image-upload';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Upload a cover image: multipart/form-data with a `cover` file, at most 5 MB. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleImageUpload(request, 'cover', (viewer, upload) => setCover(viewer, id, upload));
}

/** Remove the cover ("Remove cover"). */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.removeCover, await removeCover(viewer, id)),
  );
}
