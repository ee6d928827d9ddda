import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { endViewerSession } from '@/lib/accounts/manage-sessions';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** End one of your sessions, named by its public handle (as listed in settings). */
export async function DELETE(
  request: Request,
  { params }: { params: Promise<{ handle: string }> },
) {
  const { handle } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.endSession, await endViewerSession(viewer, { handle })),
  );
}
