import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { setDebugPanel } from '@/lib/profiles/set-debug-panel';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Show or hide the request-cost panel: { enabled: boolean }. */
export function PUT(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.setDebugPanel, await setDebugPanel(viewer, body)),
  );
}
