import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { saveArticle } from '@/lib/articles/save-article';
import { deleteArticle } from '@/lib/articles/delete-article';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ id: string }> };

/** Save (autosave, or update a published article): { title?, body?, tags?, visibility?, baseVersion? }. */
export async function PATCH(request: Request, { params }: Context) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.saveArticle, await saveArticle(viewer, id, body, 'save')),
  );
}

/** Delete your article. */
export async function DELETE(request: Request, { params }: Context) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.deleteArticle, await deleteArticle(viewer, id)),
  );
}
