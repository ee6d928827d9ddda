import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { requestDataExport } from '@/lib/data-export/request-export';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** "Download your data": starts the job that builds your zip (202), at most one an hour. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer) =>
    respond(api.requestDataExport, await requestDataExport(viewer)),
  );
}
