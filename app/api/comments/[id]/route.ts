import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { deleteComment, editComment } from '@/lib/articles/write-comment';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ id: string }> };

/** Edit your comment: { body }. */
export async function PATCH(request: Request, { params }: Context) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.editComment, await editComment(viewer, id, body)),
  );
}

/** Delete your comment, or any comment on your article. */
export async function DELETE(request: Request, { params }: Context) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.deleteComment, await deleteComment(viewer, id)),
  );
}
