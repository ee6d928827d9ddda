import { unpublishArticle } from '@/lib/articles/unpublish-article';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/sessions/viewer-write';

export const dynamic = 'force-dynamic';

/** Take a published article back to draft. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    resultResponse(await unpublishArticle(viewer, id)),
  );
}
