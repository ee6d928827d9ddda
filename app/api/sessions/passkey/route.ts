import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { signInWithPasskey } from '@/lib/auth/passkey-sign-in';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** Sign in with a passkey: { response, callbackUrl? } → a fresh session cookie. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.signInWithPasskey, await signInWithPasskey(body)),
  );
}
