import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { addressForLimits } from '@/lib/request/client-address';
import { currentClient } from '@/lib/request/context';
import type { Failure } from '@/lib/validation/result';

const POLICIES = {
  search: {
    account: RATE_LIMITS.searchesPerAccount,
    ip: RATE_LIMITS.searchesPerIp,
    what: 'searches',
  },
  suggest: {
    account: RATE_LIMITS.suggestionsPerAccount,
    ip: RATE_LIMITS.suggestionsPerIp,
    what: 'suggestions',
  },
} as const;

/**
 * Counts one search (or one round of suggestions) against its asker: a signed-in person per
 * account (wherever they are), anyone else per client address. A 429 failure past the limit.
 */
export function limitSearches(
  kind: keyof typeof POLICIES,
  viewerId: string | null,
): Promise<Failure | null> {
  const policy = POLICIES[kind];
  return enforceRateLimits(
    viewerId ? [[policy.account, viewerId]] : [[policy.ip, addressForLimits(currentClient().ip)]],
    `${policy.what} in a short time`,
  );
}
