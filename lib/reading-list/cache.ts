import { Types } from 'mongoose';
import { forgetCached } from '@/lib/cache/cache-aside';
import { withStamps } from '@/lib/cache/change-clock';
import { readTogether, type PipedRead } from '@/lib/cache/read-together';
import { VersionedIndexCache } from '@/lib/cache/versioned-index';
import { connectDb } from '@/lib/db/connection';
import { cacheRedis } from '@/lib/redis';
import { SavedArticleModel } from './model';

/** How many articles one reader may keep saved; the cached index holds them all. */
export const SAVED_CAP = 1_000;
const SAVED_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * A reader's saved articles, newest saved first: a cached index per reader (scored by the time of
 * saving), so the list and "did I save it" are read from Redis. Only this module writes it.
 */
export const savedIndex = new VersionedIndexCache({
  kind: 'stream',
  name: 'saved',
  ttlSeconds: SAVED_TTL_SECONDS,
  capacity: SAVED_CAP,
  load: async (userId, limit) => {
    await connectDb();
    const rows = await SavedArticleModel.find(
      { userId: new Types.ObjectId(userId) },
      { articleId: 1, savedAt: 1 },
    )
      .sort({ savedAt: -1 })
      .limit(limit)
      .lean();
    return rows.map((row) => ({ member: row.articleId.toString(), score: row.savedAt.getTime() }));
  },
});

/**
 * Whether the reader saved the article: one membership read of their cached index when warm; a
 * cold index is rebuilt once (the reader's own list, whatever the article id).
 */
export async function isSaved(userId: string, articleId: string): Promise<boolean> {
  const [saved] = await readTogether([savedRead(userId, articleId)]);
  return saved;
}

/** isSaved as a read that shares a pipeline with others (the reader state's). */
export function savedRead(userId: string, articleId: string): PipedRead<boolean> {
  return savedIndex.hasRead(userId, articleId, async () =>
    (await savedIndex.page(userId, SAVED_CAP)).ids.includes(articleId),
  );
}

/** After MongoDB changed: the reader's cached index follows, and pages built on it are stamped. */
export async function recordSavedChange(
  userId: string,
  articleId: string,
  change: { saved: true; savedAt: Date } | { saved: false },
): Promise<void> {
  await cacheRedis().all(
    withStamps([
      change.saved
        ? savedIndex.change(userId, 'add', articleId, change.savedAt.getTime())
        : savedIndex.change(userId, 'remove', articleId),
    ]),
  );
}

/** The reader's cached index, once their account is gone for good. */
export async function forgetSavedOf(userId: string): Promise<void> {
  await forgetCached(...savedIndex.keysOf(userId));
}
