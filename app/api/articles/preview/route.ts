import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { previewArticle } from '@/lib/articles/preview-article';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** The editor's live preview: { body } → { html, readingMinutes }, or which limit it broke. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.previewArticle, await previewArticle(viewer, body)),
  );
}
