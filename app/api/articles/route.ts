import { resultResponse } from '@/lib/http/responses';
import { createArticle } from '@/lib/articles/save-article';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** Start a draft: { title?, body?, tags?, visibility? }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await createArticle(viewer, body), 201),
  );
}
