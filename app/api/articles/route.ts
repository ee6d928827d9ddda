import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { createArticle } from '@/lib/articles/save-article';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Start a draft: { title?, body?, tags?, visibility? }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.createArticle, await createArticle(viewer, body)),
  );
}
