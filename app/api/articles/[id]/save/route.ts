import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { saveArticleForLater } from '@/lib/reading-list/save-article';
import { unsaveArticle } from '@/lib/reading-list/unsave-article';

export const dynamic = 'force-dynamic';

/** Save to the signed-in reader's own reading list ("Saved"). */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.saveForLater, await saveArticleForLater(viewer, id)),
  );
}

/** Take out of the signed-in reader's own reading list. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.unsaveArticle, await unsaveArticle(viewer, id)),
  );
}
