import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { restoreRevision } from '@/lib/articles/restore-revision';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** "Restore this version": `{ version, baseVersion }` saves a kept version as a new update. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.restoreRevision, await restoreRevision(viewer, id, body)),
  );
}
