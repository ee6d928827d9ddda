import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { confirmSignUp } from '@/lib/accounts/confirm-sign-up';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/**
 * Confirm a sign-up: { token } from the e-mail and { password } chosen at sign-up → 201, the
 * account, and a session cookie. Without the right password nothing is created.
 */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.confirmSignUp, await confirmSignUp(body)),
  );
}
