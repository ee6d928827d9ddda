import 'server-only';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { queueMail } from '@/lib/mail/queue-mail';
import { UserModel } from '@/lib/users/user-model';
import { MAX_PASSKEYS } from './cache';
import { passkeyAddedMail } from './passkey-added-mail';
import { takeChallenge } from './challenges';
import { asRegistrationResponse, claimedChallenge } from './credential-schemas';
import { PasskeyModel } from './models';
import type { PasskeyOwner } from './owner';
import { relyingParty } from './relying-party';
import { addPasskeySchema } from './schemas';
import { TOO_MANY_PASSKEYS } from './start-adding-passkey';

export const CHALLENGE_GONE = 'This passkey request expired or was already used. Please try again.';
const NOT_VERIFIED = 'That passkey could not be verified. Please try again.';

/**
 * "Add a passkey", second half: checks the authenticator's answer against the challenge issued
 * to this person (once, within its lifetime), APP_URL's origin and RP ID, then stores the public
 * key, counter and backup flags under the given name.
 */
export async function addPasskey(
  owner: PasskeyOwner,
  input: unknown,
): Promise<Result<{ id: string; name: string }>> {
  const parsed = parseInput(addPasskeySchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.passkeyChangesPerAccount, owner.user.id]],
    'passkey changes',
  );
  if (limited) return limited;
  const { name, response } = parsed.value;
  const challenge = claimedChallenge(response.response.clientDataJSON);
  if (
    !challenge ||
    !(await takeChallenge(challenge, { purpose: 'register', userId: owner.user.id }))
  )
    return fail('gone', CHALLENGE_GONE);
  const { origin, rpID } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: asRegistrationResponse(response),
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return fail('invalid', NOT_VERIFIED);
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  await connectDb();
  if ((await PasskeyModel.countDocuments({ userId: owner.user.id })) >= MAX_PASSKEYS)
    return fail('conflict', TOO_MANY_PASSKEYS);
  try {
    const created = await PasskeyModel.create({
      userId: owner.user.id,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name,
      createdAt: new Date(),
      lastUsedAt: null,
    });
    await tellTheOwner(owner.user.id, name, created.createdAt);
    return ok({ id: created._id.toString(), name });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return fail('conflict', 'This passkey is already added.');
  }
}

async function tellTheOwner(userId: string, passkeyName: string, at: Date): Promise<void> {
  const user = await UserModel.findById(userId, { email: 1, username: 1 }).lean();
  if (user) await queueMail(passkeyAddedMail(user.email, user.username, passkeyName, at));
}
