import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { handleJsonWrite } from '@/lib/http/responses';
import { startPasskeySignIn } from '@/lib/passkeys/start-passkey-sign-in';

export const dynamic = 'force-dynamic';

/** "Sign in with a passkey", first half: a one-time challenge for discoverable credentials. */
export function POST(request: Request) {
  return handleJsonWrite(request, async () =>
    respond(api.passkeySignInOptions, await startPasskeySignIn()),
  );
}
