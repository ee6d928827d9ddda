import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { changeModerator } from '@/lib/moderation/set-role';

export const dynamic = 'force-dynamic';

/** Admins grant or revoke the moderator role: { username, action: grant|revoke, reason }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.changeModerator, await changeModerator(viewer, body)),
  );
}
