import { Types } from 'mongoose';
import {
  dropCached,
  holdsCachedObject,
  MISSING_TTL_SECONDS,
  readThrough,
  readThroughList,
} from '@/lib/cache/cache-aside';
import { stampOps, withStamps, type CachedObjectChange } from '@/lib/cache/change-clock';
import { VersionedIndexCache } from '@/lib/cache/versioned-index';
import { connectDb } from '@/lib/db/connection';
import { findByIds } from '@/lib/db/find-by-ids';
import { logger } from '@/lib/log/logger';
import { cacheRedis, durableRedis, type Op } from '@/lib/redis';
import { buildArticleView, type ArticleView, type ArticleViewOutcome } from './article-view';
import { ArticleModel, ArticleSlugModel, type Article } from './models';
import { isListed } from './visibility';

export const ARTICLE_TTL_SECONDS = 7 * 24 * 60 * 60;
const INDEX_TTL_SECONDS = 7 * 24 * 60 * 60;
const INDEX_CAPACITY = 1_000;

/** Cache keys of the articles domain; only this module writes or drops them. */
export const articleKeys = {
  view: (articleId: string) => `article:${articleId}`,
  /**
   * No data of its own: the change stamp of what lists, streams and notifications show of an
   * article (its card). Stamped only when that changes, so a body edit leaves them cached.
   */
  card: (articleId: string) => `article-card:${articleId}`,
  slug: (authorId: string, slug: string) => `article-slug:${authorId}:${slug}`,
  // v2: comments carry their rendered HTML and nest; objects cached before are not read.
  comments: (articleId: string) => `comments:v2:${articleId}`,
  // Counters share one hash tag: the batch script reads them all on one Redis Cluster node.
  views: (articleId: string) => `{counters}:views:${articleId}`,
  viewsPrefix: '{counters}:views:',
  dirtyCounters: '{counters}:dirty',
  /**
   * Views per article on one UTC day (`YYYY-MM-DD`): a hash of article id → count, one per day,
   * expiring after the 30-day window (bounded: at most ~32 live). Same hash tag as the counters,
   * so a view's commands stay on one Redis Cluster node.
   */
  dayViews: (day: string) => `{counters}:day-views:${day}`,
  /** An author's own articles, drafts and scheduled included (their dashboard); see desk.ts. */
  desk: (authorId: string) => `author-desk:${authorId}`,
  /** The sitemap's outline, and its pages under the outline's version (lib/articles/sitemap.ts). */
  sitemapOutline: 'sitemap:outline',
  sitemapPage: (version: string, page: number) => `sitemap:${version}:${page}`,
};

/** Builds the cached object of an article: only a published one that renders has one. */
async function loadArticleView(article: Article | null): Promise<ArticleView | null> {
  if (!article || article.status !== 'published') return null;
  return viewOrNull(article._id.toString(), await buildArticleView(article));
}

/**
 * The rendered article object; a miss renders it from MongoDB. An article stored before the
 * rendering limits existed that cannot be rendered reads as missing (remembered for a minute, so
 * it is not retried on every view) until the recheck job takes it back to draft.
 */
export async function getArticleView(articleId: string): Promise<ArticleView | null> {
  if (!Types.ObjectId.isValid(articleId)) return null;
  return readThrough<ArticleView>({
    kind: 'article',
    key: articleKeys.view(articleId),
    ttlSeconds: ARTICLE_TTL_SECONDS,
    missingTtlSeconds: MISSING_TTL_SECONDS,
    load: async () => {
      await connectDb();
      return loadArticleView(await ArticleModel.findById(articleId).lean());
    },
  });
}

/** Many article objects in one round trip (lists, streams); misses are rendered together. */
export async function getArticleViews(articleIds: readonly string[]): Promise<ArticleView[]> {
  const views = await readThroughList<ArticleView>({
    kind: 'article',
    ids: articleIds,
    isValidId: (id) => Types.ObjectId.isValid(id),
    key: articleKeys.view,
    dependency: articleKeys.card, // callers show cards (lists, streams), never the body
    ttlSeconds: ARTICLE_TTL_SECONDS,
    loadMany: async (missing) => {
      await connectDb();
      const rows = await findByIds(ArticleModel, missing);
      const built = await Promise.all(rows.map((row) => loadArticleView(row)));
      return new Map(built.flatMap((view) => (view ? [[view.id, view] as const] : [])));
    },
  });
  return views.filter((view) => view.status === 'published');
}

/** What a card shows of an article (see components/articles/article-card.tsx and the stream). */
function cardOf(view: ArticleView): string {
  const { authorId, title, slug, excerpt, readingMinutes, tags, visibility, status, cover } = view;
  return JSON.stringify([
    authorId,
    title,
    slug,
    excerpt,
    readingMinutes,
    tags,
    visibility,
    status,
    cover,
    view.publishedAt,
  ]);
}

/** The stored view before a change: the cached one, or rendered from `previous`. */
async function viewBefore(articleId: string, previous?: Article): Promise<ArticleView | null> {
  const store = cacheRedis();
  const raw = await store.one(store.cmd.get(articleKeys.view(articleId)));
  if (holdsCachedObject(raw)) return JSON.parse(raw as string) as ArticleView;
  if (previous?.status !== 'published') return null;
  const outcome = await buildArticleView(previous);
  return outcome.ok ? outcome.view : null;
}

/**
 * Renders and stores the new version of a published article (readers never see a miss). One that
 * cannot be rendered any more is dropped instead, so it reads as missing.
 */
export async function storeArticleView(
  article: Article,
  previous?: Article,
): Promise<ArticleView | null> {
  const view = viewOrNull(article._id.toString(), await buildArticleView(article));
  if (view) await storeRenderedView(view, previous);
  else await dropArticleView(article._id.toString());
  return view;
}

/**
 * Stores an article object already rendered (the write path renders before it writes). Its card
 * is stamped only when what cards show changed (compared with the stored version, or with
 * `previous`), so pages that list it stay cached through edits of the body alone.
 */
export async function storeRenderedView(view: ArticleView, previous?: Article): Promise<void> {
  const before = await viewBefore(view.id, previous);
  const changed = [articleKeys.view(view.id)];
  if (!before || cardOf(before) !== cardOf(view)) changed.push(articleKeys.card(view.id));
  // A public article at a new address (a title edit): the sitemap names the new one.
  if (before && before.slug !== view.slug && view.visibility === 'public')
    await dropCached(articleKeys.sitemapOutline);
  const store = cacheRedis();
  await store.all([
    store.cmd.set(articleKeys.view(view.id), JSON.stringify(view), {
      ttlSeconds: ARTICLE_TTL_SECONDS,
    }),
    ...stampOps(changed),
  ]);
}

/** A refused render is the body's fault (null: nothing to show); "busy" is not, so it throws. */
function viewOrNull(articleId: string, outcome: ArticleViewOutcome): ArticleView | null {
  if (outcome.ok) return outcome.view;
  if (outcome.reason === 'busy') throw new Error(outcome.message);
  logger().warn({ articleId, reason: outcome.reason }, 'a published article cannot be rendered');
  return null;
}

export async function dropArticleView(articleId: string, ...slugKeys: string[]): Promise<void> {
  await dropCached(
    articleKeys.view(articleId),
    articleKeys.card(articleId),
    articleKeys.comments(articleId),
    ...slugKeys,
  );
}

/** The article an author's slug (current or earlier) names. */
export async function getArticleIdBySlug(authorId: string, slug: string): Promise<string | null> {
  if (!/^[a-z0-9-]{1,90}$/.test(slug)) return null;
  return readThrough<string>({
    kind: 'article',
    key: articleKeys.slug(authorId, slug),
    ttlSeconds: ARTICLE_TTL_SECONDS,
    missingTtlSeconds: MISSING_TTL_SECONDS,
    load: async () => {
      await connectDb();
      const row = await ArticleSlugModel.findOne({
        authorId: new Types.ObjectId(authorId),
        slug,
      }).lean();
      return row ? row.articleId.toString() : null;
    },
  });
}

const byPublished = (rows: Pick<Article, '_id' | 'publishedAt'>[]) =>
  rows.map((row) => ({ member: row._id.toString(), score: row.publishedAt?.getTime() ?? 0 }));

/** Loads an index from MongoDB: the newest published articles matching `filter`. */
function newestWhere(filter: (owner: string) => Record<string, unknown>) {
  return async (owner: string, limit: number) => {
    await connectDb();
    return byPublished(
      await ArticleModel.find({ status: 'published', ...filter(owner) }, { publishedAt: 1 })
        .sort({ publishedAt: -1, _id: -1 })
        .limit(limit)
        .lean(),
    );
  };
}

function articleIndex(
  name: string,
  filter: (owner: string) => Record<string, unknown>,
): VersionedIndexCache {
  return new VersionedIndexCache({
    kind: 'article',
    name,
    ttlSeconds: INDEX_TTL_SECONDS,
    capacity: INDEX_CAPACITY,
    load: newestWhere(filter),
  });
}

/** Indexes of published articles, newest first. */
export const articleIndexes = {
  /** Every public article: the home page. */
  recent: articleIndex('recent-public', () => ({ visibility: 'public' })),
  /** An author's public articles: their profile for everyone else. */
  authorPublic: articleIndex('author-public', (authorId) => ({
    authorId: new Types.ObjectId(authorId),
    visibility: 'public',
  })),
  /** All an author published, friends-only included: their profile for themselves and friends. */
  authorAll: articleIndex('author-all', (authorId) => ({
    authorId: new Types.ObjectId(authorId),
    visibility: { $in: ['public', 'friends'] },
  })),
  /** Public articles with a tag. */
  tag: articleIndex('tag', (tag) => ({ tags: tag, visibility: 'public' })),
};

type Listing = Pick<Article, '_id' | 'authorId' | 'status' | 'visibility' | 'tags' | 'publishedAt'>;

function membershipsOf(article: Listing | null): { index: VersionedIndexCache; owner: string }[] {
  // An unlisted article is in no list at all, not even its author's profile.
  if (!article || article.status !== 'published' || !isListed(article.visibility)) return [];
  const authorId = article.authorId.toString();
  const list = [{ index: articleIndexes.authorAll, owner: authorId }];
  if (article.visibility === 'public') {
    list.push(
      { index: articleIndexes.recent, owner: 'all' },
      { index: articleIndexes.authorPublic, owner: authorId },
    );
    for (const tag of article.tags) list.push({ index: articleIndexes.tag, owner: tag });
  }
  return list;
}

/**
 * After an article changed: removes it from the lists it left and adds it to those it joined or
 * where its time moved (publish, unpublish, delete, visibility or tag edits), in one round trip.
 * A list it stays in unchanged is neither written nor stamped: what its card shows is stamped
 * with the card (storeArticleView).
 */
export async function syncArticleIndexes(
  before: Listing | null,
  after: Listing | null,
): Promise<void> {
  const id = (after ?? before)?._id.toString();
  if (!id) return;
  const now = membershipsOf(after);
  const nowKeys = new Set(now.map(({ index, owner }) => index.key(owner)));
  const changes: CachedObjectChange[] = [];
  for (const { index, owner } of membershipsOf(before)) {
    if (!nowKeys.has(index.key(owner))) changes.push(index.change(owner, 'remove', id));
  }
  const score = after?.publishedAt?.getTime() ?? 0;
  const moved = score !== (before?.publishedAt?.getTime() ?? 0);
  const beforeKeys = new Set(membershipsOf(before).map(({ index, owner }) => index.key(owner)));
  for (const { index, owner } of now) {
    if (moved || !beforeKeys.has(index.key(owner)))
      changes.push(index.change(owner, 'add', id, score));
  }
  if (changes.length === 0) return;
  await cacheRedis().all(withStamps(changes));
  // The sitemap lists every public article: one that joined, left or moved changes its pages.
  if (changes.some(({ key }) => key === articleIndexes.recent.key('all')))
    await dropCached(articleKeys.sitemapOutline);
}

/**
 * After an author's article changed (created, saved, scheduled, published, withdrawn, deleted, or
 * its counters written to MongoDB): their dashboard's list is read again from MongoDB.
 */
export async function dropAuthorDesks(...authorIds: string[]): Promise<void> {
  await dropCached(...[...new Set(authorIds)].map((authorId) => articleKeys.desk(authorId)));
}

/** Marks an article whose counters changed, for the next batch flush to MongoDB. */
export function markCountersDirty(articleId: string): Op<number> {
  return durableRedis().cmd.sadd(articleKeys.dirtyCounters, [articleId]);
}
