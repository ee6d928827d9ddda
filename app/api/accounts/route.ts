import { signUp } from '@/lib/accounts/sign-up';
import { handleJsonWrite, resultResponse } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/**
 * Sign up: { email, username, password } → 202 and a confirmation e-mail (the same answer whether
 * or not the address has an account), or a message per field.
 */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) => resultResponse(await signUp(body), 202));
}
