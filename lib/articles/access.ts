import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { blockedEitherWay, friendsCache } from '@/lib/friends/cache';
import { fail, ok, type Failure, type Result } from '@/lib/validation/result';
import type { ArticleView } from './article-view';
import { ArticleModel, type Article } from './models';

/**
 * Whether `viewerId` may read a published article: public and unlisted ones everybody (unlisted
 * ones are only left out of every list); friends-only ones the author and the author's friends,
 * never someone in a block with the author.
 */
export async function canSeeArticle(view: ArticleView, viewerId: string | null): Promise<boolean> {
  if (view.status !== 'published') return false;
  if (viewerId === view.authorId) return true;
  if (view.visibility !== 'friends') return true;
  if (!viewerId) return false;
  const [friends, blocked] = await Promise.all([
    friendsCache.get(view.authorId),
    blockedEitherWay(view.authorId),
  ]);
  return friends.includes(viewerId) && !blocked.has(viewerId);
}

/**
 * The article `viewerId` may like or comment on: they must see it, and nobody in a block with the
 * author may respond to their work (a public article stays readable to them).
 */
export async function loadArticleToRespondTo(
  view: ArticleView | null,
  viewerId: string,
): Promise<Result<ArticleView>> {
  if (!view || !(await canSeeArticle(view, viewerId)))
    return fail('not-found', 'This article does not exist.');
  if (viewerId !== view.authorId && (await blockedEitherWay(view.authorId)).has(viewerId))
    return fail('forbidden', 'You cannot respond to this author’s articles.');
  return ok(view);
}

/** The viewer's own article, for writing; anyone else's is "not found", never "forbidden". */
export async function loadOwnArticle(
  viewerId: string,
  articleId: string,
): Promise<Result<Article>> {
  const notFound = fail('not-found', 'This article does not exist, or it is not yours.');
  if (!Types.ObjectId.isValid(articleId)) return notFound;
  await connectDb();
  const article = await ArticleModel.findById(articleId).lean();
  if (!article || !article.authorId.equals(viewerId)) return notFound;
  return ok(article);
}

/**
 * A write based on a version other than the stored one (another tab, another device) is refused,
 * so no edit overwrites another silently; null when `baseVersion` is absent or current.
 */
export function staleVersion(current: Article, baseVersion: number | undefined): Failure | null {
  if (baseVersion === undefined || baseVersion === current.version) return null;
  return fail(
    'conflict',
    'This article was changed somewhere else (another tab?). Copy your text, then reload.',
  );
}
