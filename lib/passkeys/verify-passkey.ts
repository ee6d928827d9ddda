import 'server-only';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { UserModel } from '@/lib/users/user-model';
import { takeChallenge, type ChallengePurpose } from './challenges';
import {
  asAuthenticationResponse,
  claimedChallenge,
  type AuthenticationAnswer,
} from './credential-schemas';
import { PasskeyModel } from './models';
import { relyingParty, userHandleText } from './relying-party';

export type PasskeyCheck =
  | { status: 'verified'; userId: string; passkeyId: string }
  /** No challenge of ours for this purpose: expired, already answered, or never issued. */
  | { status: 'challenge-gone' }
  | { status: 'refused' };

/**
 * Checks a passkey's answer to a challenge we issued for `purpose` (taken once): the credential
 * must be one we know, of an account that still exists (and, when `userId` is given, of that
 * person); origin and RP ID must be APP_URL's; the signature must verify with the stored key and
 * the counter move forward (a cloned authenticator is refused). Then the counter, backup flag
 * and last use are stored.
 */
export async function verifyPasskey(
  answer: AuthenticationAnswer,
  purpose: ChallengePurpose,
  userId?: string,
): Promise<PasskeyCheck> {
  const challenge = claimedChallenge(answer.response.clientDataJSON);
  if (!challenge || !(await takeChallenge(challenge, purpose))) return { status: 'challenge-gone' };
  await connectDb();
  const passkey = await PasskeyModel.findOne({ credentialId: answer.id }).lean();
  if (!passkey) return { status: 'refused' };
  const ownerId = passkey.userId.toString();
  if (userId !== undefined && ownerId !== userId) return { status: 'refused' };
  // A discoverable credential names its account: it must be the one the key is stored under.
  if (answer.response.userHandle && answer.response.userHandle !== userHandleText(ownerId))
    return { status: 'refused' };
  // A deleted account (being removed, or gone) signs nobody in.
  if (!(await UserModel.exists({ _id: passkey.userId, deletedAt: null })))
    return { status: 'refused' };
  const { origin, rpID } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response: asAuthenticationResponse(answer),
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
      counter: passkey.counter,
      transports: passkey.transports,
    },
    // Alone (sign-in), a passkey stands in for the password and the second step: only with its
    // lock (user verification) is it two factors. After a password, possession is enough.
    requireUserVerification: purpose.purpose === 'sign-in',
  }).catch((error: unknown) => {
    // A cloned key (counter not moving forward), a wrong origin or RP ID, a bad signature.
    logger().warn(
      { err: error instanceof Error ? error.message : String(error) },
      'passkey refused',
    );
    return null;
  });
  if (!verification?.verified) return { status: 'refused' };
  const info = verification.authenticationInfo;
  await PasskeyModel.updateOne(
    { _id: passkey._id },
    {
      $set: {
        counter: info.newCounter,
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        lastUsedAt: new Date(),
      },
    },
  );
  return { status: 'verified', userId: ownerId, passkeyId: passkey._id.toString() };
}
