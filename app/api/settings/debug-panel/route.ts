import { resultResponse } from '@/lib/http/responses';
import { setDebugPanel } from '@/lib/profiles/set-debug-panel';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** Show or hide the request-cost panel: { enabled: boolean }. */
export function PUT(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await setDebugPanel(viewer, body)),
  );
}
