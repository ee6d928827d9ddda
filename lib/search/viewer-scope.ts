import { canSeeArticle } from '@/lib/articles/access';
import type { ArticleCard } from '@/lib/articles/list-articles';
import { isListed } from '@/lib/articles/visibility';
import { blockedEitherWay, friendsCache } from '@/lib/friends/cache';
import { mutedBy } from '@/lib/mutes/cache';
import { keyList, searchKey } from './keys';

/**
 * What one viewer may find, as the engine's filters. Computed per request from the viewer's own
 * cached sets (never kept: results for one person are never stored where another could read
 * them). Friends-only articles: only the author's friends and the author. Left out for a
 * signed-in viewer, as in their stream: everything by people in a block with them (either way)
 * and articles by people they muted.
 */
export interface ViewerScope {
  viewerId: string | null;
  /** SphinxQL expression: 1 when the viewer may read the row's audience. */
  visibleExpression: string;
  /** author_key NOT IN (…), or '' when nobody is left out. */
  authorFilter: string;
  /** id NOT IN (…) for the people index. */
  peopleFilter: string;
  excluded: Set<string>;
  blocked: Set<string>;
}

export async function viewerScope(viewerId: string | null): Promise<ViewerScope> {
  if (!viewerId) {
    return {
      viewerId,
      visibleExpression: 'IF(audience = 0, 1, 0)',
      authorFilter: '',
      peopleFilter: '',
      excluded: new Set(),
      blocked: new Set(),
    };
  }
  const [friends, blocked, muted] = await Promise.all([
    friendsCache.get(viewerId),
    blockedEitherWay(viewerId),
    mutedBy(viewerId),
  ]);
  const readers = [viewerId, ...friends.filter((id) => !blocked.has(id))].map(searchKey);
  const excluded = new Set([...blocked, ...muted]);
  return {
    viewerId,
    visibleExpression: `IF(audience = 0 OR IN(author_key, ${keyList(readers)}), 1, 0)`,
    authorFilter:
      excluded.size > 0 ? ` AND author_key NOT IN (${keyList([...excluded].map(searchKey))})` : '',
    peopleFilter:
      blocked.size > 0 ? ` AND id NOT IN (${keyList([...blocked].map(searchKey))})` : '',
    excluded,
    blocked,
  };
}

/**
 * The last word on every article hit: the engine may lag behind MongoDB by a job (an article
 * unpublished a second ago), so each card is checked with the pages' own rules on the cached
 * article before it is shown.
 */
export async function visibleCards(
  cards: ArticleCard[],
  scope: ViewerScope,
): Promise<ArticleCard[]> {
  const allowed = await Promise.all(
    cards.map(
      async ({ article }) =>
        isListed(article.visibility) &&
        !scope.excluded.has(article.authorId) &&
        (await canSeeArticle(article, scope.viewerId)),
    ),
  );
  return cards.filter((_, index) => allowed[index]);
}
