import { durableRedis } from '@/lib/redis';
import { sessionCookie } from '@/lib/sessions/cookie';
import { BEARER_TOKEN, newBearerToken, tokenDigest } from '@/lib/util/bearer-token';
import { PENDING_SIGN_IN_ATTEMPTS, PENDING_SIGN_IN_TTL_SECONDS, passkeyKeys } from './cache';

/**
 * The half-signed-in state of two-step sign-in: the password was right, the second step (a
 * passkey or a recovery code) is pending. It lives server-side for five minutes under the digest
 * of a random ticket; the browser holds the ticket in its own cookie, which is no session: no
 * page or API reads it, only the second step does.
 */
export interface PendingSignIn {
  ticketDigest: string;
  userId: string;
  /** The known-device cookie the password step earned, set once the second step passes. */
  deviceToken: string;
  attempts: number;
}

export function pendingSignInCookieName(): string {
  return sessionCookie().secure ? '__Host-inkwell.second-step' : 'inkwell.second-step';
}

export function pendingSignInCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: sessionCookie().secure,
    maxAge: PENDING_SIGN_IN_TTL_SECONDS,
  };
}

/** Holds a sign-in for its second step; the returned ticket goes into the browser's cookie. */
export async function holdSignIn(userId: string, deviceToken: string): Promise<string> {
  const ticket = newBearerToken();
  const key = passkeyKeys.pendingSignIn(tokenDigest(ticket));
  const store = durableRedis();
  await store.all([
    store.cmd.hset(key, { userId, deviceToken, attempts: 0 }),
    store.cmd.expire(key, PENDING_SIGN_IN_TTL_SECONDS),
  ]);
  return ticket;
}

/** The pending sign-in a ticket names, while it lives and has wrong answers left. */
export async function readPendingSignIn(
  ticket: string | null | undefined,
): Promise<PendingSignIn | null> {
  if (!ticket || !BEARER_TOKEN.test(ticket)) return null;
  const ticketDigest = tokenDigest(ticket);
  const store = durableRedis();
  const hash = await store.one(store.cmd.hgetall(passkeyKeys.pendingSignIn(ticketDigest)));
  if (!hash.userId || !hash.deviceToken) return null;
  const attempts = Number(hash.attempts ?? 0);
  if (attempts >= PENDING_SIGN_IN_ATTEMPTS) return null;
  return { ticketDigest, userId: hash.userId, deviceToken: hash.deviceToken, attempts };
}

/** Counts a wrong answer; past the allowance the pending sign-in is dropped (password again). */
export async function countWrongAnswer(pending: PendingSignIn): Promise<void> {
  const store = durableRedis();
  const key = passkeyKeys.pendingSignIn(pending.ticketDigest);
  const attempts = await store.one(store.cmd.hincrBy(key, 'attempts', 1));
  if (attempts >= PENDING_SIGN_IN_ATTEMPTS) await store.one(store.cmd.del(key));
}

/**
 * Ends a pending sign-in: true for exactly one caller, so two answers racing for one pending
 * sign-in never both become sessions.
 */
export async function finishPendingSignIn(pending: PendingSignIn): Promise<boolean> {
  const store = durableRedis();
  return (await store.one(store.cmd.del(passkeyKeys.pendingSignIn(pending.ticketDigest)))) === 1;
}
