import 'server-only';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { connectDb } from '@/lib/db/connection';
import { fail, ok, type Result } from '@/lib/validation/result';
import { CEREMONY_TIMEOUT_MS } from './cache';
import { keepChallenge, limitChallengesPerClient } from './challenges';
import { PasskeyModel } from './models';
import { readPendingSignIn } from './pending-sign-in';
import { relyingParty } from './relying-party';

export const SECOND_STEP_GONE =
  'Your sign-in timed out or had too many wrong answers. Please sign in with your password again.';

/**
 * The second step of a two-step sign-in, with a passkey: options listing the pending person's own
 * passkeys, the challenge bound to this pending sign-in (the ticket in the browser's cookie).
 */
export async function startSecondStepPasskey(
  ticket: string | undefined,
): Promise<Result<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const limited = await limitChallengesPerClient();
  if (limited) return limited;
  const pending = await readPendingSignIn(ticket);
  if (!pending) return fail('gone', SECOND_STEP_GONE);
  await connectDb();
  const passkeys = await PasskeyModel.find(
    { userId: pending.userId },
    { credentialId: 1, transports: 1 },
  ).lean();
  if (passkeys.length === 0)
    return fail('not-found', 'You have no passkey yet: use one of your recovery codes.');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'preferred',
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
  });
  await keepChallenge(options.challenge, {
    purpose: 'second-step',
    ticketDigest: pending.ticketDigest,
  });
  return ok({ options });
}
