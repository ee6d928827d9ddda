/**
 * Who may read an article and where it is listed. public: everyone, in every list; friends: the
 * author and their friends; unlisted: everyone with the link, in no list, feed, stream or sitemap
 * (its page says `noindex`). Without mongoose, so the editor and the schemas may import it.
 */
export const VISIBILITIES = ['public', 'friends', 'unlisted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Whether an article of this visibility is shown in lists, feeds, streams and the sitemap. */
export function isListed(visibility: Visibility): boolean {
  return visibility !== 'unlisted';
}

/**
 * Who may find a stored article through search, decided like the lists: published and listed
 * articles only (never drafts, never unlisted ones); friends-only ones for the author's friends.
 */
export function searchAudience(article: {
  status: 'draft' | 'published';
  visibility: Visibility;
}): 'everyone' | 'friends' | null {
  if (article.status !== 'published' || !isListed(article.visibility)) return null;
  return article.visibility === 'friends' ? 'friends' : 'everyone';
}
