import 'server-only';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { startAddingPasskey } from '@/lib/passkeys/start-adding-passkey';
import { regenerateRecoveryCodes } from '@/lib/passkeys/regenerate-recovery-codes';
import { turnOnTwoStep } from '@/lib/passkeys/turn-on-two-step';
import { fail, type Failure } from '@/lib/validation/result';
import { RECENT_SIGN_IN_MINUTES, signedInRecently } from './reauthenticate';

export const SIGN_IN_AGAIN_FOR_SIGN_IN_CHANGES = `For your safety, this needs a recent sign-in: sign out, sign in again, and try again within ${RECENT_SIGN_IN_MINUTES} minutes.`;

/**
 * Changes to how the account signs in (a new passkey, which signs in with no password and no
 * second step and outlives a password reset; recovery codes, which pass the second step) are
 * what someone with a borrowed or stolen session would make to keep the account. They need a
 * session started within the last few minutes. Null when it is, else the failure.
 */
export async function requireRecentSignIn(
  viewer: SignedIn,
  now = Date.now(),
): Promise<Failure | null> {
  if (await signedInRecently(viewer.sessionId, now)) return null;
  return fail('forbidden', SIGN_IN_AGAIN_FOR_SIGN_IN_CHANGES);
}

/** "Add a passkey", first half, after a recent sign-in (lib/passkeys/start-adding-passkey.ts). */
export async function startAddingPasskeyRecently(viewer: SignedIn, input: unknown) {
  return (await requireRecentSignIn(viewer)) ?? startAddingPasskey(viewer, input);
}

/** Two-step sign-in on, after a recent sign-in (lib/passkeys/turn-on-two-step.ts). */
export async function turnOnTwoStepRecently(viewer: SignedIn) {
  return (await requireRecentSignIn(viewer)) ?? turnOnTwoStep(viewer);
}

/** New recovery codes, after a recent sign-in (lib/passkeys/regenerate-recovery-codes.ts). */
export async function regenerateRecoveryCodesRecently(viewer: SignedIn) {
  return (await requireRecentSignIn(viewer)) ?? regenerateRecoveryCodes(viewer);
}
