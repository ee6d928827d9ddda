import { durableRedis } from '@/lib/redis';
import { BEARER_TOKEN, newBearerToken, tokenDigest } from '@/lib/util/bearer-token';

/**
 * A sign-up waiting for its e-mail address to be confirmed: kept in Redis under the hash of a
 * random token that only the confirmation e-mail carries. Nothing is written to MongoDB until the
 * link is followed, so an address nobody confirms never gets an account.
 */
export const PENDING_SIGN_UP_HOURS = 24;

export interface PendingSignUp {
  email: string;
  username: string;
  passwordHash: string;
}

export const SIGN_UP_TOKEN = BEARER_TOKEN;

function pendingKey(token: string): string {
  return `sign-up:${tokenDigest(token)}`;
}

export async function holdPendingSignUp(pending: PendingSignUp): Promise<string> {
  const token = newBearerToken();
  const store = durableRedis();
  await store.one(
    store.cmd.set(pendingKey(token), JSON.stringify(pending), {
      ttlSeconds: PENDING_SIGN_UP_HOURS * 60 * 60,
    }),
  );
  return token;
}

export async function readPendingSignUp(token: string): Promise<PendingSignUp | null> {
  const store = durableRedis();
  const raw = await store.one(store.cmd.get(pendingKey(token)));
  return raw === null ? null : (JSON.parse(raw) as PendingSignUp);
}

/** Dropped once the account exists: the link works once. */
export async function dropPendingSignUp(token: string): Promise<void> {
  const store = durableRedis();
  await store.one(store.cmd.del(pendingKey(token)));
}
