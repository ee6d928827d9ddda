import { previewArticle } from '@/lib/articles/preview-article';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** The editor's live preview: { body } → { html, readingMinutes }, or which limit it broke. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await previewArticle(viewer, body)),
  );
}
