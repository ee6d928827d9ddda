import { signUp } from '@/lib/accounts/sign-up';
import { handleJsonWrite, resultResponse } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** Sign up: { email, username, password } → 201 and a session cookie, or a message per field. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) => resultResponse(await signUp(body), 201));
}
