import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { friendsCache } from '@/lib/friends/cache';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import type { VersionedIndexCache } from '@/lib/cache/versioned-index';
import type { ArticleView } from './article-view';
import { articleIndexes, getArticleViews } from './cache';
import { ArticleModel } from './models';

export interface ArticleCard {
  article: ArticleView;
  author: PublicUser;
}

export interface ArticleListPage {
  cards: ArticleCard[];
  /** Pass as `before` for the next page; null on the last page. */
  nextCursor: number | null;
}

export const PAGE_SIZE = 10;

/** Turns ids into cards: cached article objects and cached authors, in order. */
export async function hydrateCards(articleIds: string[]): Promise<ArticleCard[]> {
  const articles = await getArticleViews(articleIds);
  const authors = new Map(
    (await getUsersByIds(articles.map((article) => article.authorId))).map((user) => [
      user.id,
      user,
    ]),
  );
  return articles.flatMap((article) => {
    const author = authors.get(article.authorId);
    return author ? [{ article, author }] : [];
  });
}

async function pageOf(
  index: VersionedIndexCache,
  owner: string,
  before: number | undefined,
  fallbackFilter: Record<string, unknown>,
): Promise<ArticleListPage> {
  const page = await index.page(owner, PAGE_SIZE, before);
  if (!page.exhaustedCache || page.ids.length >= PAGE_SIZE) {
    return { cards: await hydrateCards(page.ids), nextCursor: page.nextCursor };
  }
  // Past the cached window (the newest 1,000): read older pages from MongoDB.
  await connectDb();
  const rows = await ArticleModel.find(
    before === undefined
      ? fallbackFilter
      : { ...fallbackFilter, publishedAt: { $lt: new Date(before) } },
    { publishedAt: 1 },
  )
    .sort({ publishedAt: -1, _id: -1 })
    .limit(PAGE_SIZE + 1)
    .lean();
  const ids = rows.slice(0, PAGE_SIZE).map((row) => row._id.toString());
  const last = rows[PAGE_SIZE - 1];
  return {
    cards: await hydrateCards(ids),
    nextCursor: rows.length > PAGE_SIZE && last?.publishedAt ? last.publishedAt.getTime() : null,
  };
}

/** The home page: every public article, newest first. */
export function listRecentArticles(before?: number): Promise<ArticleListPage> {
  return pageOf(articleIndexes.recent, 'all', before, {
    status: 'published',
    visibility: 'public',
  });
}

export function listTagArticles(tag: string, before?: number): Promise<ArticleListPage> {
  return pageOf(articleIndexes.tag, tag, before, {
    tags: tag,
    status: 'published',
    visibility: 'public',
  });
}

/** An author's articles: friends-only ones too for the author and their friends. */
export async function listAuthorArticles(
  authorId: string,
  viewerId: string | null,
  before?: number,
): Promise<ArticleListPage> {
  const seesAll =
    viewerId !== null &&
    (viewerId === authorId || (await friendsCache.get(authorId)).includes(viewerId));
  const author = new Types.ObjectId(authorId);
  return seesAll
    ? pageOf(articleIndexes.authorAll, authorId, before, {
        authorId: author,
        status: 'published',
        visibility: { $in: ['public', 'friends'] },
      })
    : pageOf(articleIndexes.authorPublic, authorId, before, {
        authorId: author,
        status: 'published',
        visibility: 'public',
      });
}
