import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { confirmEmailChange } from '@/lib/accounts/confirm-email-change';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Confirm an email change: { token } from the link, signed in as the account that asked. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.confirmEmailChange, await confirmEmailChange(viewer, body)),
  );
}
