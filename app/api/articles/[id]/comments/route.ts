import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { addComment } from '@/lib/articles/write-comment';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Comment, or reply to a top-level comment: { body, parentId? }. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.addComment, await addComment(viewer, id, body)),
  );
}
