import 'server-only';
import { generateRegistrationOptions } from '@simplewebauthn/server';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { CEREMONY_TIMEOUT_MS, MAX_PASSKEYS } from './cache';
import { keepChallenge } from './challenges';
import { PasskeyModel } from './models';
import type { PasskeyOwner } from './owner';
import { relyingParty, userHandle } from './relying-party';
import { startAddingPasskeySchema } from './schemas';

export const TOO_MANY_PASSKEYS = `You have ${MAX_PASSKEYS} passkeys, the most an account may have. Remove one first.`;

/**
 * "Add a passkey", first half ({ name }, checked now so a bad name is said before the
 * authenticator is asked): the options for navigator.credentials.create(). A discoverable
 * credential (so it can sign in without a username), user verification preferred; the person's
 * own passkeys are excluded so one authenticator is not added twice. The challenge is kept
 * server-side for this person only, for two minutes, and can be answered once.
 */
export async function startAddingPasskey(
  owner: PasskeyOwner,
  input: unknown,
): Promise<Result<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  const parsed = parseInput(startAddingPasskeySchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.passkeyChangesPerAccount, owner.user.id]],
    'passkey changes',
  );
  if (limited) return limited;
  await connectDb();
  const existing = await PasskeyModel.find(
    { userId: owner.user.id },
    { credentialId: 1, transports: 1 },
  ).lean();
  if (existing.length >= MAX_PASSKEYS) return fail('conflict', TOO_MANY_PASSKEYS);
  const { rpID, rpName } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: owner.user.username,
    userDisplayName: owner.user.displayName,
    userID: userHandle(owner.user.id),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await keepChallenge(options.challenge, { purpose: 'register', userId: owner.user.id });
  return ok({ options });
}
