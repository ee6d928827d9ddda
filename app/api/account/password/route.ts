import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { changePassword } from '@/lib/accounts/change-password';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Change your password: { currentPassword, newPassword }; ends your other sessions. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.changePassword, await changePassword(viewer, body)),
  );
}
