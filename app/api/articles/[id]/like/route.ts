import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { likeArticle } from '@/lib/articles/likes';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Like or unlike: { liked: true | false }. */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.likeArticle, await likeArticle(viewer, id, body)),
  );
}
