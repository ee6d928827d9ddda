import { Types } from 'mongoose';
import { VersionedSetCache } from '@/lib/cache/versioned-set';
import { connectDb } from '@/lib/db/connection';
import { ARTICLE_TTL_SECONDS } from './cache';
import { LikeModel } from './models';

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
