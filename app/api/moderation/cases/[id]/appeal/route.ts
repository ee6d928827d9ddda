import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { appealHiding } from '@/lib/moderation/appeal';

export const dynamic = 'force-dynamic';

/** The author's one appeal of a hidden item: { text }. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.appeal, await appealHiding(viewer, id, body)),
  );
}
