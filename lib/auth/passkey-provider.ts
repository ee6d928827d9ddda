import 'server-only';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { authenticationResponseSchema } from '@/lib/passkeys/credential-schemas';
import { verifyPasskey } from '@/lib/passkeys/verify-passkey';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { addressForLimits } from '@/lib/request/client-address';
import { currentClient } from '@/lib/request/context';
import { failFields, parseInput } from '@/lib/validation/result';
import { setKnownDeviceCookie } from './device-cookie';
import { knownDeviceFromCookieHeader, knownDeviceToken } from './known-device';
import { PasskeyChallengeGone, SignInInputInvalid, SignInRateLimited } from './sign-in-refused';

/** Auth.js hands credentials over as form fields: the passkey's answer arrives as JSON text. */
const jsonField = z.object({ response: z.string().max(64 * 1024) });

/** The passkey's answer in a credentials field, parsed, or the failure to answer with. */
export function parsePasskeyField(raw: unknown) {
  const field = parseInput(jsonField, raw);
  if (!field.ok) return field;
  let json: unknown;
  try {
    json = JSON.parse(field.value.response);
  } catch {
    return failFields({ response: 'That was not a passkey answer we can read. Please try again.' });
  }
  return parseInput(authenticationResponseSchema, json);
}

/**
 * "Sign in with a passkey" (discoverable credentials: no username typed). A gate like the
 * password's: counted against the same per-address sign-in limit, then the answer is checked
 * against a sign-in challenge of ours (once), and the session is Auth.js's as for a password.
 * A passkey is itself two factors (the device and its lock), so no second step follows.
 */
export function passkeyProvider() {
  return Credentials({
    id: 'passkey',
    credentials: { response: {} },
    async authorize(raw, request) {
      const answer = parsePasskeyField(raw);
      if (!answer.ok) throw new SignInInputInvalid(answer);
      const perIp = await hitRateLimit(
        RATE_LIMITS.signInPerIp,
        addressForLimits(currentClient().ip),
      );
      if (!perIp.allowed) throw new SignInRateLimited(perIp.retryAfterSeconds);
      const check = await verifyPasskey(answer.value, { purpose: 'sign-in' });
      if (check.status === 'challenge-gone') throw new PasskeyChallengeGone();
      if (check.status !== 'verified') return null;
      const device = knownDeviceFromCookieHeader(request.headers.get('cookie'));
      await setKnownDeviceCookie(
        knownDeviceToken(
          check.userId,
          device?.userId === check.userId ? device.deviceId : undefined,
        ),
      );
      return { id: check.userId };
    },
  });
}
