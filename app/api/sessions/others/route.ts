import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { endViewerOtherSessions } from '@/lib/accounts/manage-sessions';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Sign out everywhere else: end every session of yours but this one. */
export function DELETE(request: Request) {
  return handleViewerWrite(request, async (viewer) =>
    respond(api.endOtherSessions, await endViewerOtherSessions(viewer)),
  );
}
