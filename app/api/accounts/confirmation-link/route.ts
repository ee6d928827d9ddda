import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { resendSignUpLink } from '@/lib/accounts/resend-sign-up-link';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/**
 * "Resend confirmation link": { identifier } → 202, the same answer whether or not a sign-up
 * waits under that address or username (a new link is mailed only if one does).
 */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.resendSignUpLink, await resendSignUpLink(body)),
  );
}
