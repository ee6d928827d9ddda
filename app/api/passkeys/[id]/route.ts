import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { removePasskey } from '@/lib/passkeys/remove-passkey';

export const dynamic = 'force-dynamic';

/** Remove one of your passkeys (someone else's is not found). */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer) =>
    respond(api.removePasskey, await removePasskey(viewer, { id })),
  );
}
