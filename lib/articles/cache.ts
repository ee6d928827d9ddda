import { Types } from 'mongoose';
import { dropCached, readThrough } from '@/lib/cache/cache-aside';
import { dependOn, stampOps, withStamps, type CachedObjectChange } from '@/lib/cache/change-clock';
import { VersionedIndexCache } from '@/lib/cache/versioned-index';
import { VersionedSetCache } from '@/lib/cache/versioned-set';
import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { redis, type Op } from '@/lib/redis';
import { buildArticleView, type ArticleView, type ArticleViewOutcome } from './article-view';
import { ArticleModel, ArticleSlugModel, LikeModel, type Article } from './models';

const ARTICLE_TTL_SECONDS = 7 * 24 * 60 * 60;
const INDEX_TTL_SECONDS = 7 * 24 * 60 * 60;
const INDEX_CAPACITY = 1_000;

/** Cache keys of the articles domain; only this module writes or drops them. */
export const articleKeys = {
  view: (articleId: string) => `article:${articleId}`,
  slug: (authorId: string, slug: string) => `article-slug:${authorId}:${slug}`,
  comments: (articleId: string) => `comments:${articleId}`,
  // Counters share one hash tag: the batch script reads them all on one Redis Cluster node.
  views: (articleId: string) => `{counters}:views:${articleId}`,
  viewsPrefix: '{counters}:views:',
  dirtyCounters: '{counters}:dirty',
};

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
    missingTtlSeconds: 60,
    load: async () => {
      await connectDb();
      const article = await ArticleModel.findById(articleId).lean();
      if (!article || article.status !== 'published') return null;
      return viewOrNull(articleId, await buildArticleView(article));
    },
  });
}

/** Many article objects in one round trip (lists, streams); misses are rendered and cached. */
export async function getArticleViews(articleIds: readonly string[]): Promise<ArticleView[]> {
  const ids = [...new Set(articleIds)].filter((id) => Types.ObjectId.isValid(id));
  if (ids.length === 0) return [];
  const store = redis();
  dependOn(...ids.map((id) => articleKeys.view(id)));
  const cached = await store
    .all(ids.map((id) => store.cmd.get(articleKeys.view(id))))
    .catch(() => ids.map(() => null));
  const views = await Promise.all(
    ids.map(async (id, index) => {
      const raw = cached[index];
      if (typeof raw === 'string' && raw.startsWith('{')) return JSON.parse(raw) as ArticleView;
      return getArticleView(id);
    }),
  );
  return views.filter((view): view is ArticleView => view !== null && view.status === 'published');
}

/**
 * Renders and stores the new version of a published article (readers never see a miss). One that
 * cannot be rendered any more is dropped instead, so it reads as missing.
 */
export async function storeArticleView(article: Article): Promise<ArticleView | null> {
  const view = viewOrNull(article._id.toString(), await buildArticleView(article));
  if (view) await storeRenderedView(view);
  else await dropArticleView(article._id.toString());
  return view;
}

/** Stores an article object already rendered (the write path renders before it writes). */
export async function storeRenderedView(view: ArticleView): Promise<void> {
  const store = redis();
  await store.all([
    store.cmd.set(articleKeys.view(view.id), JSON.stringify(view), {
      ttlSeconds: ARTICLE_TTL_SECONDS,
    }),
    ...stampOps([articleKeys.view(view.id)]),
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
  await dropCached(articleKeys.view(articleId), articleKeys.comments(articleId), ...slugKeys);
}

/** The article an author's slug (current or earlier) names. */
export async function getArticleIdBySlug(authorId: string, slug: string): Promise<string | null> {
  if (!/^[a-z0-9-]{1,90}$/.test(slug)) return null;
  return readThrough<string>({
    kind: 'article',
    key: articleKeys.slug(authorId, slug),
    ttlSeconds: ARTICLE_TTL_SECONDS,
    missingTtlSeconds: 60,
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
  authorAll: articleIndex('author-all', (authorId) => ({ authorId: new Types.ObjectId(authorId) })),
  /** Public articles with a tag. */
  tag: articleIndex('tag', (tag) => ({ tags: tag, visibility: 'public' })),
};

type Listing = Pick<Article, '_id' | 'authorId' | 'status' | 'visibility' | 'tags' | 'publishedAt'>;

function membershipsOf(article: Listing | null): { index: VersionedIndexCache; owner: string }[] {
  if (!article || article.status !== 'published') return [];
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
 * After an article changed: removes it from the lists it left and adds it to those it is in now
 * (publish, unpublish, delete, visibility or tag edits), in one round trip.
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
  for (const { index, owner } of now) changes.push(index.change(owner, 'add', id, score));
  if (changes.length > 0) await redis().all(withStamps(changes));
}

/** Who liked an article: a cached set, so a like count is one SCARD and "did I like it" one SISMEMBER. */
export const likersCache = new VersionedSetCache({
  kind: 'article',
  name: 'likers',
  ttlSeconds: ARTICLE_TTL_SECONDS,
  load: async (articleId) => {
    await connectDb();
    const rows = await LikeModel.find(
      { articleId: new Types.ObjectId(articleId) },
      { userId: 1 },
    ).lean();
    return rows.map((row) => row.userId.toString());
  },
});

/** Marks an article whose counters changed, for the next batch flush to MongoDB. */
export function markCountersDirty(articleId: string): Op<number> {
  return redis().cmd.sadd(articleKeys.dirtyCounters, [articleId]);
}
