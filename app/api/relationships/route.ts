import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { changeRelationship } from '@/lib/friends/change-relationship';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Friend requests and blocks: { username, action: request|cancel|accept|decline|unfriend|block|unblock }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.changeRelationship, await changeRelationship(viewer, body)),
  );
}
