import { getRenamedUser, getUserByUsername } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { canSeeArticle } from './access';
import type { ArticleView } from './article-view';
import { getArticleIdBySlug, getArticleView } from './cache';

export type ArticlePage =
  | { kind: 'article'; article: ArticleView; author: PublicUser }
  /** An earlier slug, or an earlier username of the author: the canonical address. */
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

export function articlePath(author: Pick<PublicUser, 'usernameKey'>, slug: string): string {
  return `/u/${author.usernameKey}/${slug}`;
}

/**
 * Resolves /u/[username]/[slug] for a viewer from cached objects only (user, slug, article,
 * friend set): a warm view sends no MongoDB command. What the viewer may not see is a plain 404.
 */
export async function getArticlePage(
  username: string,
  slug: string,
  viewerId: string | null,
): Promise<ArticlePage> {
  // A name the author renamed away from resolves to them, and answers with the current address.
  const author = (await getUserByUsername(username)) ?? (await getRenamedUser(username));
  if (!author) return { kind: 'not-found' };
  const articleId = await getArticleIdBySlug(author.id, slug);
  if (!articleId) return { kind: 'not-found' };
  const article = await getArticleView(articleId);
  if (!article || article.authorId !== author.id || !(await canSeeArticle(article, viewerId))) {
    return { kind: 'not-found' };
  }
  if (article.slug !== slug || author.usernameKey !== username) {
    return { kind: 'redirect', location: articlePath(author, article.slug) };
  }
  return { kind: 'article', article, author };
}
