import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { resetPassword } from '@/lib/accounts/reset-password';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** "Set new password": { token, newPassword } from a reset link; ends every session. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.resetPassword, await resetPassword(body)),
  );
}
