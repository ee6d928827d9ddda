import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** Sign in: { identifier, password, callbackUrl? } → a fresh session cookie, or one generic message. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.signIn, await signInWithPassword(body)),
  );
}
