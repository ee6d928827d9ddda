import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { startAddingPasskeyRecently } from '@/lib/accounts/sign-in-strength';

export const dynamic = 'force-dynamic';

/** "Add a passkey", first half: registration options, the challenge kept for this person. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.passkeyOptions, await startAddingPasskeyRecently(viewer, body)),
  );
}
