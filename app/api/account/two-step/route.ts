import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { turnOnTwoStepRecently } from '@/lib/accounts/sign-in-strength';
import { turnOffTwoStep } from '@/lib/accounts/turn-off-two-step';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Require a passkey or code after the password: answers the recovery codes, shown once. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer) =>
    respond(api.turnOnTwoStep, await turnOnTwoStepRecently(viewer)),
  );
}

/** Turn two-step sign-in off: { currentPassword } (re-authentication). */
export function DELETE(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.turnOffTwoStep, await turnOffTwoStep(viewer, body)),
  );
}
