import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { saveArticle } from '@/lib/articles/save-article';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Save and publish a draft (same body as PATCH /api/articles/[id]). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.publishArticle, await saveArticle(viewer, id, body, 'publish')),
  );
}
