/** Redis keys of passkey ceremonies and half-finished sign-ins; this domain alone uses them. */
export const passkeyKeys = {
  /** A challenge we issued and have not seen answered: taken (GETDEL) by the first answer. */
  challenge: (challenge: string) => `webauthn-challenge:${challenge}`,
  /** A sign-in whose password was right and whose second step is pending, by the ticket's digest. */
  pendingSignIn: (ticketDigest: string) => `second-step:${ticketDigest}`,
  /** A recovery code being used right now: two requests racing for one code, one wins. */
  recoveryClaim: (digest: string) => `recovery-claim:${digest}`,
};

/** The browser is given 60 s to answer; a challenge is kept a little longer, then forgotten. */
export const CEREMONY_TIMEOUT_MS = 60_000;
export const CHALLENGE_TTL_SECONDS = 120;
/** A half-finished sign-in (password right, second step pending) lives five minutes. */
export const PENDING_SIGN_IN_TTL_SECONDS = 5 * 60;
/** Wrong answers (a passkey of someone else, a wrong code) one pending sign-in may give. */
export const PENDING_SIGN_IN_ATTEMPTS = 5;
export const RECOVERY_CODE_COUNT = 10;
/** At most this many passkeys per account. */
export const MAX_PASSKEYS = 20;
