import { confirmSignUp } from '@/lib/accounts/confirm-sign-up';
import { handleJsonWrite, resultResponse } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** Confirm a sign-up: { token } from the e-mail → 201, the account, and a session cookie. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) => resultResponse(await confirmSignUp(body), 201));
}
