import type { Failure } from '@/lib/validation/result';
import { describeWait, enforceRateLimits, RATE_LIMITS, type RateLimitPolicy } from './rate-limit';

/**
 * New-account limits against spam waves (issue 21): for its first day an account publishes
 * (scheduling counts as publishing) and comments at lower rates. Each lower limit counts on the
 * same key and window as the everyday one, so an account that comes of age mid-window keeps its
 * count, and one Redis command checks either.
 */
export const NEW_ACCOUNT_LIMITS = {
  /** An account is new until it is this old. */
  newForHours: 24,
  publish: {
    policy: { ...RATE_LIMITS.publishPerAccount, limit: 5 },
    what: 'publications',
    noun: 'articles',
    verb: 'publish',
  },
  comment: {
    policy: { ...RATE_LIMITS.commentsPerAccount, limit: 10 },
    what: 'comments',
    noun: 'comments',
    verb: 'write',
  },
} as const;

export type LimitedWrite = 'publish' | 'comment';

const EVERYDAY: Record<LimitedWrite, RateLimitPolicy> = {
  publish: RATE_LIMITS.publishPerAccount,
  comment: RATE_LIMITS.commentsPerAccount,
};

/** Whether an account that joined at `joinedAt` (ISO) is still new at `now`. */
export function isNewAccount(joinedAt: string, now = Date.now()): boolean {
  const joined = Date.parse(joinedAt);
  // An unreadable date is treated as new: the lower limit is the safe side.
  return !(now - joined >= NEW_ACCOUNT_LIMITS.newForHours * 60 * 60 * 1000);
}

function describeRate(policy: RateLimitPolicy, noun: string): string {
  const minutes = policy.windowSeconds / 60;
  const every = minutes === 60 ? 'an hour' : `every ${minutes} minutes`;
  return `${policy.limit} ${noun} ${every}`;
}

/**
 * Counts one publication or comment by `user`: past the everyday limit, or past the lower one
 * while the account is new, a 429 whose message says what a new account may do.
 */
export async function enforceAccountLimit(
  write: LimitedWrite,
  user: { id: string; joinedAt: string },
  now = Date.now(),
): Promise<Failure | null> {
  const young = NEW_ACCOUNT_LIMITS[write];
  if (!isNewAccount(user.joinedAt, now))
    return enforceRateLimits([[EVERYDAY[write], user.id]], young.what);
  const limited = await enforceRateLimits([[young.policy, user.id]], young.what);
  if (!limited || limited.code !== 'rate-limited') return limited;
  const hours = NEW_ACCOUNT_LIMITS.newForHours;
  const wait = limited.retryAfterSeconds ?? young.policy.windowSeconds;
  return {
    ...limited,
    formError: `New accounts can ${young.verb} ${describeRate(young.policy, young.noun)} for their first ${hours === 24 ? 'day' : `${hours} hours`}. Please wait ${describeWait(wait)} and try again.`,
  };
}
