import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/**
 * "Forgot password?": { email } → 202 and an e-mail, the same answer whether or not the address
 * has an account.
 */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.requestPasswordReset, await requestPasswordReset(body)),
  );
}
