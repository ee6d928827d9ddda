import { setTimeout as sleep } from 'node:timers/promises';
import { checkPassword, findPasswordAccount, type VerifiedUser } from './verify-credentials';
import {
  clearRateLimit,
  hitRateLimit,
  RATE_LIMITS,
  type RateLimitPolicy,
} from '@/lib/rate-limit/rate-limit';
import { findPendingSignUp } from '@/lib/users/pending-sign-up';
import { knownDeviceToken, type KnownDevice } from './known-device';
import { verifyPassword } from './passwords';

export interface PasswordAttempt {
  identifier: string;
  password: string;
}

export interface AttemptClient {
  /** The client address the request came from. */
  ip: string;
  /** The browser's known-device cookie, already checked (lib/auth/known-device.ts). */
  device: KnownDevice | null;
}

export type PasswordCheckOutcome =
  | { status: 'signed-in'; user: VerifiedUser; deviceToken: string }
  | { status: 'wrong' }
  /** No account yet, but the password is the one of a sign-up still waiting for its e-mail. */
  | { status: 'unconfirmed' }
  | { status: 'limited'; retryAfterSeconds: number };

/** The wait before an attempt past a slowdown budget: doubling per attempt, capped. */
export function slowdownMs(policy: RateLimitPolicy, count: number): number {
  if (!policy.slowdown || count <= policy.limit) return 0;
  const doublings = Math.min(count - policy.limit - 1, 30);
  return Math.min(policy.slowdown.maxMs, policy.slowdown.firstMs * 2 ** doublings);
}

/**
 * THE gate for every way a password is presented (the app's POST /api/sessions, Auth.js's
 * /api/auth/callback/credentials, the sign-up confirmation): every path reaches it through
 * Auth.js's Credentials.authorize, so each attempt is counted exactly once.
 *
 * - per client address, across accounts (credential stuffing): refused past the limit;
 * - per (account, client address), or per (account, known device): refused past the limit, so
 *   a stranger's guesses only ever block the stranger's own address;
 * - per account, across addresses: past a larger budget attempts are slowed down (a wait that
 *   doubles, capped at a few seconds, without blocking the event loop), never refused, so the
 *   owner can always sign in; a browser known to the account skips it;
 * - a success forgets the failures of its pair.
 *
 * An unknown account goes through the same steps (counted under its name, checked against a dummy
 * hash, or against the password of a sign-up waiting for confirmation), so nothing tells it apart. Throws when Redis is unavailable: nothing is checked unlimited.
 */
export async function authenticatePassword(
  attempt: PasswordAttempt,
  client: AttemptClient,
  options: { wait?: (ms: number) => Promise<unknown> } = {},
): Promise<PasswordCheckOutcome> {
  const wait = options.wait ?? sleep;
  // A browser with a cookie for some account is vouched for only for that account.
  if (!client.device) {
    const perIp = await hitRateLimit(RATE_LIMITS.signInPerIp, client.ip);
    if (!perIp.allowed) return { status: 'limited', retryAfterSeconds: perIp.retryAfterSeconds };
  }
  const account = await findPasswordAccount(attempt.identifier);
  const known = client.device !== null && account !== null && client.device.userId === account.id;
  if (client.device && !known) {
    const perIp = await hitRateLimit(RATE_LIMITS.signInPerIp, client.ip);
    if (!perIp.allowed) return { status: 'limited', retryAfterSeconds: perIp.retryAfterSeconds };
  }

  // Counted by the identifier as typed, never by the account it names: a counter shared by an
  // account's username and e-mail would tell which e-mail belongs to which username.
  const accountSubject = `name:${attempt.identifier.trim().toLowerCase()}`;
  const pairSubject =
    known && client.device
      ? `${accountSubject}|device:${client.device.deviceId}`
      : `${accountSubject}|ip:${client.ip}`;
  const pair = await hitRateLimit(RATE_LIMITS.signInPerAccountAndClient, pairSubject);
  if (!pair.allowed) return { status: 'limited', retryAfterSeconds: pair.retryAfterSeconds };

  if (!known) {
    const budget = await hitRateLimit(RATE_LIMITS.signInPerAccount, accountSubject);
    const delay = slowdownMs(RATE_LIMITS.signInPerAccount, budget.count);
    if (delay > 0) await wait(delay);
  }

  // A sign-up not confirmed yet: only someone who knows its password learns that it waits. It is
  // held for an address with an account too (lib/users/pending-sign-up.ts), and whenever one is
  // held both passwords are checked, so neither the answer nor the time tells whether an account
  // exists; the account's own password still signs in.
  const pending = await findPendingSignUp(attempt.identifier);
  const pendingRight = pending
    ? await verifyPassword(pending.passwordHash, attempt.password)
    : false;
  const user = await checkPassword(account, attempt.password);
  if (!user) return { status: pendingRight ? 'unconfirmed' : 'wrong' };
  await clearRateLimit(RATE_LIMITS.signInPerAccountAndClient, pairSubject);
  return {
    status: 'signed-in',
    user,
    deviceToken: knownDeviceToken(user.id, known ? client.device?.deviceId : undefined),
  };
}
