import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { signUp } from '@/lib/accounts/sign-up';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/**
 * Sign up: { email, username, password } → 202 and a confirmation e-mail (the same answer whether
 * or not the address has an account), or a message per field.
 */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) => respond(api.signUp, await signUp(body)));
}
