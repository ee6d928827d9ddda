import { handleJsonWrite, resultResponse } from '@/lib/http/responses';
import { signInWithCredentials } from '@/lib/auth/sign-in';

export const dynamic = 'force-dynamic';

/** Sign in: { identifier, password, callbackUrl? } → a fresh session cookie, or one generic message. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    resultResponse(await signInWithCredentials(body)),
  );
}
