import { env } from '@/lib/config/env';

export interface RelyingParty {
  /** The site's registrable name: the host of APP_URL, without its port. */
  rpID: string;
  /** The one origin a passkey response may come from: APP_URL's. */
  origin: string;
  rpName: string;
}

/**
 * Who we are to an authenticator, from APP_URL alone (never from a request's Host header): a
 * passkey made for this origin answers nowhere else, and no other origin's answer is accepted.
 */
export function relyingParty(): RelyingParty {
  const url = new URL(env().appUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Inkwell' };
}

/** The WebAuthn user handle of a user: the bytes of the user's id (not a name, not an e-mail). */
export function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, 'hex'));
}

export function userHandleText(userId: string): string {
  return Buffer.from(userId, 'hex').toString('base64url');
}
