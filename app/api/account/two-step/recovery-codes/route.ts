import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { regenerateRecoveryCodesRecently } from '@/lib/accounts/sign-in-strength';

export const dynamic = 'force-dynamic';

/** Ten new recovery codes (the old ones stop working), shown once. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer) =>
    respond(api.regenerateRecoveryCodes, await regenerateRecoveryCodesRecently(viewer)),
  );
}
