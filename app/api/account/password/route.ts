import { changePassword } from '@/lib/accounts/change-password';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** Change your password: { currentPassword, newPassword }; ends your other sessions. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    resultResponse(await changePassword(viewer, body)),
  );
}
