import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { requestEmailChange } from '@/lib/accounts/request-email-change';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/**
 * Ask to change your email: { newEmail, currentPassword } → 202; a link to the new address, a
 * notice to the current one; nothing changes until the link is confirmed.
 */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.requestEmailChange, await requestEmailChange(viewer, body)),
  );
}
