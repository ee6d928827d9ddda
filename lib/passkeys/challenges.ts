import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { durableRedis } from '@/lib/redis';
import { addressForLimits } from '@/lib/request/client-address';
import { currentClient } from '@/lib/request/context';
import type { Failure } from '@/lib/validation/result';
import { CHALLENGE_TTL_SECONDS, passkeyKeys } from './cache';

/**
 * What a challenge was issued for. An answer is accepted only for the purpose (and the person or
 * the pending sign-in) its challenge was made for: a challenge from the sign-in page cannot add a
 * passkey, one issued to another account cannot finish this one's second step.
 */
export type ChallengePurpose =
  | { purpose: 'register'; userId: string }
  | { purpose: 'sign-in' }
  | { purpose: 'second-step'; ticketDigest: string };

/** Keeps a challenge we just issued, server-side, on the durable Redis, for a short while. */
export async function keepChallenge(challenge: string, purpose: ChallengePurpose): Promise<void> {
  const store = durableRedis();
  await store.one(
    store.cmd.set(passkeyKeys.challenge(challenge), JSON.stringify(purpose), {
      ttlSeconds: CHALLENGE_TTL_SECONDS,
    }),
  );
}

function samePurpose(kept: unknown, expected: ChallengePurpose): boolean {
  if (typeof kept !== 'object' || kept === null) return false;
  return Object.entries(expected).every(([key, value]) => Reflect.get(kept, key) === value);
}

/**
 * Takes a challenge: true once, for the purpose it was issued for, within its lifetime. Taken
 * with GETDEL, so a replayed answer (or a second answer to the same challenge) finds nothing.
 */
export async function takeChallenge(
  challenge: string,
  expected: ChallengePurpose,
): Promise<boolean> {
  const store = durableRedis();
  const kept = await store.one(store.cmd.getdel(passkeyKeys.challenge(challenge)));
  if (!kept) return false;
  try {
    return samePurpose(JSON.parse(kept), expected);
  } catch {
    return false;
  }
}

/** Each challenge costs a Redis key: counted per client address, like sign-in attempts. */
export function limitChallengesPerClient(): Promise<Failure | null> {
  return enforceRateLimits(
    [[RATE_LIMITS.passkeyChallengesPerIp, addressForLimits(currentClient().ip)]],
    'passkey requests from your network',
  );
}
