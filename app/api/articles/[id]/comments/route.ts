import { addComment } from '@/lib/articles/write-comment';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** Comment, or reply to a top-level comment: { body, parentId? }. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await addComment(viewer, id, body), 201),
  );
}
