import 'server-only';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { ok, type Result } from '@/lib/validation/result';
import { CEREMONY_TIMEOUT_MS } from './cache';
import { keepChallenge, limitChallengesPerClient } from './challenges';
import { relyingParty } from './relying-party';

/**
 * "Sign in with a passkey": options for navigator.credentials.get() with no list of credentials
 * (discoverable credentials: the authenticator offers its passkeys for this site), the challenge
 * kept server-side for two minutes, answerable once.
 */
export async function startPasskeySignIn(): Promise<
  Result<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  const limited = await limitChallengesPerClient();
  if (limited) return limited;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    timeout: CEREMONY_TIMEOUT_MS,
    // The passkey is the whole sign-in: its lock is asked for (verify-passkey.ts checks it).
    userVerification: 'required',
  });
  await keepChallenge(options.challenge, { purpose: 'sign-in' });
  return ok({ options });
}
