import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const NOT_A_PASSKEY = 'That was not a passkey answer we can read. Please try again.';

/** base64url text of a bounded size: authenticator data, signatures, ids. */
const base64url = (max: number) =>
  z
    .string({ error: NOT_A_PASSKEY })
    .max(max, NOT_A_PASSKEY)
    .regex(/^[A-Za-z0-9_-]*$/, NOT_A_PASSKEY);

/** Transport hints ("internal", "hybrid", "usb"…), kept only to hand them back to the browser. */
const transport = z
  .string()
  .max(32)
  .regex(/^[a-z-]+$/, NOT_A_PASSKEY);

const attachment = z.enum(['platform', 'cross-platform']).optional();

/** What navigator.credentials.create() answered, as @simplewebauthn/browser sends it. */
export const registrationResponseSchema = z.object(
  {
    id: base64url(1_400),
    rawId: base64url(1_400),
    type: z.literal('public-key', { error: NOT_A_PASSKEY }),
    authenticatorAttachment: attachment,
    response: z.object({
      clientDataJSON: base64url(4_000),
      attestationObject: base64url(16_000),
      transports: z.array(transport).max(8).optional(),
    }),
  },
  { error: NOT_A_PASSKEY },
);

/** What navigator.credentials.get() answered. */
export const authenticationResponseSchema = z.object(
  {
    id: base64url(1_400),
    rawId: base64url(1_400),
    type: z.literal('public-key', { error: NOT_A_PASSKEY }),
    authenticatorAttachment: attachment,
    response: z.object({
      clientDataJSON: base64url(4_000),
      authenticatorData: base64url(4_000),
      signature: base64url(2_000),
      userHandle: base64url(200).optional(),
    }),
  },
  { error: NOT_A_PASSKEY },
);

export type RegistrationAnswer = z.infer<typeof registrationResponseSchema>;
export type AuthenticationAnswer = z.infer<typeof authenticationResponseSchema>;

/** The library's shape, from what we parsed (no extensions are asked for, none are read). */
export function asRegistrationResponse(answer: RegistrationAnswer): RegistrationResponseJSON {
  return { ...answer, clientExtensionResults: {} };
}

export function asAuthenticationResponse(answer: AuthenticationAnswer): AuthenticationResponseJSON {
  return { ...answer, clientExtensionResults: {} };
}

/**
 * The challenge an answer claims to sign (from its clientDataJSON), to find what we issued; the
 * library then checks the signature over exactly that. Null for anything unreadable.
 */
export function claimedChallenge(clientDataJSON: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'challenge') : undefined;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(challenge)
      ? challenge
      : null;
  } catch {
    return null;
  }
}
