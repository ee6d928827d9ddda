import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { cancelSchedule, scheduleArticle } from '@/lib/articles/schedule-article';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Schedule a draft's publication (or move it): `{ publishAt: ISO date-time with offset }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.scheduleArticle, await scheduleArticle(viewer, id, body)),
  );
}

/** Cancel a draft's scheduled publication; it stays a draft. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.cancelSchedule, await cancelSchedule(viewer, id)),
  );
}
