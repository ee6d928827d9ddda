import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { actOnCase } from '@/lib/moderation/act-on-case';

export const dynamic = 'force-dynamic';

/** A moderator's decision on a queue entry: { action, reason, days? } (moderators only). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.actOnCase, await actOnCase(viewer, id, body)),
  );
}
