import { Types } from 'mongoose';
import { readThrough } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { articleKeys } from './cache';
import { likersCache } from './likers-cache';
import { readPendingViews, readViewHistory } from './counters';
import { ArticleModel } from './models';

const DESK_TTL_SECONDS = 24 * 60 * 60;
/** The most articles a dashboard lists (the most recently changed first). */
export const DESK_LIMIT = 200;

/** What the dashboard shows of one of the author's articles, as cached (no body). */
interface DeskEntry {
  id: string;
  title: string;
  slug: string;
  status: 'draft' | 'scheduled' | 'published';
  scheduledFor: string | null;
  publishedAt: string | null;
  updatedAt: string;
  /** Views written to MongoDB by the counter job (the pending ones are added when read). */
  viewCount: number;
  commentCount: number;
}

export interface DashboardArticle extends Omit<DeskEntry, 'viewCount' | 'commentCount'> {
  views: number;
  likes: number;
  comments: number;
  /** Views on each of `Dashboard.days`, oldest first. */
  dailyViews: number[];
}

export interface Dashboard {
  /** The UTC days of the chart, oldest first (`YYYY-MM-DD`). */
  days: string[];
  drafts: DashboardArticle[];
  scheduled: DashboardArticle[];
  published: DashboardArticle[];
}

/**
 * The author's own articles, one cached object per author (`author-desk:<id>`), dropped by every
 * change of one of them (dropAuthorDesks). Only the author's own id ever names it.
 */
async function readDesk(authorId: string): Promise<DeskEntry[]> {
  if (!Types.ObjectId.isValid(authorId)) return [];
  const desk = await readThrough<DeskEntry[]>({
    kind: 'article',
    key: articleKeys.desk(authorId),
    ttlSeconds: DESK_TTL_SECONDS,
    load: async () => {
      await connectDb();
      const rows = await ArticleModel.find(
        { authorId: new Types.ObjectId(authorId) },
        {
          title: 1,
          slug: 1,
          status: 1,
          scheduledFor: 1,
          publishedAt: 1,
          updatedAt: 1,
          viewCount: 1,
          commentCount: 1,
        },
      )
        .sort({ updatedAt: -1, _id: -1 })
        .limit(DESK_LIMIT)
        .lean();
      return rows.map((row) => ({
        id: row._id.toString(),
        title: row.title,
        slug: row.slug,
        status: row.status === 'published' ? 'published' : row.scheduledFor ? 'scheduled' : 'draft',
        scheduledFor: row.scheduledFor ? row.scheduledFor.toISOString() : null,
        publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
        updatedAt: row.updatedAt.toISOString(),
        viewCount: row.viewCount ?? 0,
        commentCount: row.commentCount ?? 0,
      }));
    },
  });
  return desk ?? [];
}

/**
 * The signed-in author's dashboard ("Your articles"): their drafts, scheduled and published
 * articles with views (MongoDB's total plus the views not written yet), likes (the cached likers),
 * comments and views per day. Every read is a cached object or a counter in Redis; it is built for
 * `authorId` alone, from that id alone, and never stored whole (the page renders per person).
 */
export async function getDashboard(authorId: string, now = Date.now()): Promise<Dashboard> {
  const desk = await readDesk(authorId);
  const ids = desk.map((entry) => entry.id);
  const [pending, likers, history] = await Promise.all([
    readPendingViews(ids),
    likersCache.getMany(ids),
    readViewHistory(ids, now),
  ]);
  const articles = desk.map(({ viewCount, commentCount, ...entry }) => ({
    ...entry,
    views: viewCount + (pending.get(entry.id) ?? 0),
    likes: likers.get(entry.id)?.length ?? 0,
    comments: commentCount,
    dailyViews: history.views.get(entry.id) ?? history.days.map(() => 0),
  }));
  const having = (status: DeskEntry['status']) =>
    articles.filter((article) => article.status === status);
  const scheduled = having('scheduled').sort((a, b) =>
    (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''),
  );
  const published = having('published').sort((a, b) =>
    (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
  );
  return { days: history.days, drafts: having('draft'), scheduled, published };
}
