import { durableRedis } from '@/lib/redis';
import { BEARER_TOKEN, newBearerToken, tokenDigest } from '@/lib/util/bearer-token';

/**
 * A sign-up waiting for its e-mail address to be confirmed: kept in Redis under the hash of a
 * random token that only the confirmation e-mail carries. Nothing is written to MongoDB until the
 * link is followed, so an address nobody confirms never gets an account.
 *
 * Beside it, its address and its username each name the newest pending sign-up made with them (by
 * the token's hash, never the token): sign-in can then tell someone who knows the password that the
 * address is not confirmed yet, and a new link can be sent (lib/accounts/resend-sign-up-link.ts).
 */
export const PENDING_SIGN_UP_HOURS = 24;

export interface PendingSignUp {
  email: string;
  username: string;
  passwordHash: string;
  /**
   * The address had an account already: held all the same (never confirmable, its token never
   * mailed), so that sign-in answers its maker exactly as for a new address, and neither sign-up
   * nor sign-in tells whether an address has an account.
   */
  existingAccount?: true;
}

export const SIGN_UP_TOKEN = BEARER_TOKEN;

const TTL_SECONDS = PENDING_SIGN_UP_HOURS * 60 * 60;

function pendingKey(digest: string): string {
  return `sign-up:${digest}`;
}

/** An e-mail address or a username (usernames have no "@"), as sign-in receives it. */
function byIdentifierKey(identifier: string): string {
  return `sign-up-by:${identifier.trim().toLowerCase()}`;
}

export async function holdPendingSignUp(pending: PendingSignUp): Promise<string> {
  const token = newBearerToken();
  const digest = tokenDigest(token);
  const store = durableRedis();
  await store.all([
    store.cmd.set(pendingKey(digest), JSON.stringify(pending), { ttlSeconds: TTL_SECONDS }),
    store.cmd.set(byIdentifierKey(pending.email), digest, { ttlSeconds: TTL_SECONDS }),
    store.cmd.set(byIdentifierKey(pending.username), digest, { ttlSeconds: TTL_SECONDS }),
  ]);
  return token;
}

export async function readPendingSignUp(token: string): Promise<PendingSignUp | null> {
  const store = durableRedis();
  const raw = await store.one(store.cmd.get(pendingKey(tokenDigest(token))));
  return raw === null ? null : (JSON.parse(raw) as PendingSignUp);
}

/** The newest pending sign-up made with this address or username, if it is still waiting. */
export async function findPendingSignUp(identifier: string): Promise<PendingSignUp | null> {
  if (identifier.trim() === '') return null;
  const store = durableRedis();
  const digest = await store.one(store.cmd.get(byIdentifierKey(identifier)));
  if (digest === null) return null;
  const raw = await store.one(store.cmd.get(pendingKey(digest)));
  return raw === null ? null : (JSON.parse(raw) as PendingSignUp);
}

/** Dropped once the account exists: the link works once, and sign-in no longer finds it. */
export async function dropPendingSignUp(token: string): Promise<void> {
  const pending = await readPendingSignUp(token);
  const store = durableRedis();
  await store.all([
    store.cmd.del(pendingKey(tokenDigest(token))),
    ...(pending
      ? [
          store.cmd.del(byIdentifierKey(pending.email)),
          store.cmd.del(byIdentifierKey(pending.username)),
        ]
      : []),
  ]);
}
