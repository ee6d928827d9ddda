import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { completeSecondStep } from '@/lib/auth/complete-second-step';
import { handleJsonWrite } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** The second step: { response } or { recoveryCode }, callbackUrl? → a fresh session cookie. */
export function POST(request: Request) {
  return handleJsonWrite(request, async (body) =>
    respond(api.completeSecondStep, await completeSecondStep(body)),
  );
}
