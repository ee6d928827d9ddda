import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { addPasskey } from '@/lib/passkeys/add-passkey';

export const dynamic = 'force-dynamic';

/** "Add a passkey", second half: { name, response } → the passkey is stored. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.addPasskey, await addPasskey(viewer, body)),
  );
}
