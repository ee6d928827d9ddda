import 'server-only';
import { cookies } from 'next/headers';
import { pendingSignInCookieName } from '@/lib/passkeys/pending-sign-in';
import { startSecondStepPasskey } from '@/lib/passkeys/start-second-step-passkey';

/** Options for the second step with a passkey, for the pending sign-in of this browser. */
export async function secondStepPasskeyOptions() {
  const ticket = (await cookies()).get(pendingSignInCookieName())?.value;
  return startSecondStepPasskey(ticket);
}
