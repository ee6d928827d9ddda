import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { changeMute } from '@/lib/mutes/change-mute';

export const dynamic = 'force-dynamic';

/** Muting, private to the one who mutes: { username, action: mute|unmute }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.changeMute, await changeMute(viewer, body)),
  );
}
