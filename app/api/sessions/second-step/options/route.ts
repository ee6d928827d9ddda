import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { secondStepPasskeyOptions } from '@/lib/auth/second-step-options';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** The second step with a passkey: a challenge bound to this browser's pending sign-in. */
export function POST(request: Request) {
  return handleJsonWrite(request, async () =>
    respond(api.secondStepOptions, await secondStepPasskeyOptions()),
  );
}
