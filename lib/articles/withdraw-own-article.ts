import type { SignedIn } from '@/lib/auth/require-viewer';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import type { Result } from '@/lib/validation/result';
import { loadOwnArticle } from './access';
import type { Article } from './models';

/**
 * Unpublishing and deleting both take an article out of every list: one limit for the two, then
 * `withdraw` runs under the article's lock on the viewer's own article (else its failure).
 */
export async function withdrawOwnArticle<T>(
  viewer: SignedIn,
  articleId: string,
  withdraw: (current: Article) => Promise<Result<T>>,
): Promise<Result<T>> {
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.withdrawalsPerAccount, viewer.user.id]],
    'articles unpublished or deleted',
  );
  if (limited) return limited;
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    return withdraw(found.value);
  });
}
