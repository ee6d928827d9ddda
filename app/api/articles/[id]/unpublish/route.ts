import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { unpublishArticle } from '@/lib/articles/unpublish-article';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Take a published article back to draft. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.unpublishArticle, await unpublishArticle(viewer, id)),
  );
}
