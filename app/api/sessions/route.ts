import { signInWithPassword } from '@/lib/auth/sign-in';
import { handleJsonWrite, resultResponse } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** Sign in: { identifier, password, callbackUrl? } → a fresh session cookie, or one generic message. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) => resultResponse(await signInWithPassword(body)));
}
