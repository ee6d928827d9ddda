import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';

/** Unpublishing and deleting share one limit: both take an article out of every list. */
export function limitWithdrawals(viewer: SignedIn) {
  return enforceRateLimits(
    [[RATE_LIMITS.withdrawalsPerAccount, viewer.user.id]],
    'articles unpublished or deleted',
  );
}
