import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { reportItem } from '@/lib/moderation/report-item';

export const dynamic = 'force-dynamic';

/** "Report": { kind: article|comment|profile, id, reason, note? }. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.report, await reportItem(viewer, body)),
  );
}
