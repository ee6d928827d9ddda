import { changeRelationship } from '@/lib/friends/change-relationship';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** Friend requests and blocks: { username, action: request|cancel|accept|decline|unfriend|block|unblock }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await changeRelationship(viewer, body)),
  );
}
