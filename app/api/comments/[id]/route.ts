import { deleteComment, editComment } from '@/lib/articles/write-comment';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ id: string }> };

/** Edit your comment: { body }. */
export async function PATCH(request: Request, { params }: Context) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await editComment(viewer, id, body)),
  );
}

/** Delete your comment, or any comment on your article. */
export async function DELETE(request: Request, { params }: Context) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    resultResponse(await deleteComment(viewer, id)),
  );
}
