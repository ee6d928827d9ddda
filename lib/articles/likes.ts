import 'server-only';
import { Types } from 'mongoose';
import { withStamps } from '@/lib/cache/change-clock';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { announceEvents } from '@/lib/jobs/event-intent';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { sendToBoth } from '@/lib/redis';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import { loadArticleToRespondTo } from './access';
import { getArticleView, markCountersDirty } from './cache';
import { likersCache } from './likers-cache';
import { articleLiked } from './events';
import { LikeModel } from './models';
import { likeSchema } from './schemas';

export interface LikeState {
  liked: boolean;
  count: number;
}

/** Like count and whether the viewer liked it, from the cached set of likers. */
export async function getLikeState(articleId: string, viewerId: string | null): Promise<LikeState> {
  const likers = await likersCache.get(articleId);
  return { liked: viewerId !== null && likers.includes(viewerId), count: likers.length };
}

/** The like route's request, { liked: true | false }, parsed and applied. */
export async function likeArticle(
  viewer: SignedIn,
  articleId: string,
  input: unknown,
): Promise<Result<LikeState>> {
  const parsed = parseInput(likeSchema, input);
  if (!parsed.ok) return parsed;
  return setLike(viewer, articleId, parsed.value.liked);
}

/**
 * Likes or unlikes. The like itself is a document (who liked what, unique per pair); the count
 * is the cached set's size, written to MongoDB later by the counter job.
 */
export async function setLike(
  viewer: SignedIn,
  articleId: string,
  liked: boolean,
): Promise<Result<LikeState>> {
  const readable = await loadArticleToRespondTo(await getArticleView(articleId), viewer.user.id);
  if (!readable.ok) return readable;
  const article = readable.value;
  const limited = await enforceRateLimits(
    [
      [RATE_LIMITS.likesPerAccount, viewer.user.id],
      [RATE_LIMITS.likeTogglesPerArticle, `${viewer.user.id}:${articleId}`],
    ],
    'likes',
  );
  if (limited) return limited;
  await connectDb();
  const filter = {
    articleId: new Types.ObjectId(articleId),
    userId: new Types.ObjectId(viewer.user.id),
  };
  let changed = false;
  const likedAt = new Date();
  // One event per liker and article: liking again after unliking starts no new job.
  const events = await announceEvents(
    liked && article.authorId !== viewer.user.id
      ? articleLiked.create(
          {
            articleId,
            authorId: article.authorId,
            likerId: viewer.user.id,
            likedAt: likedAt.toISOString(),
          },
          { id: `article-liked:${articleId}:${viewer.user.id}` },
        )
      : null,
  );
  if (liked) {
    try {
      await LikeModel.create({ ...filter, createdAt: likedAt });
      changed = true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  } else {
    changed = (await LikeModel.deleteOne(filter)).deletedCount > 0;
  }
  if (!changed) {
    // Liked already (a double click racing itself): the like exists, so its event stands; a
    // cancel here could drop the intent the winning request relied on (same event id).
    await (liked ? events.confirm() : events.cancel());
  } else {
    await sendToBoth(
      withStamps([likersCache.change(articleId, liked ? 'add' : 'remove', [viewer.user.id])]),
      [markCountersDirty(articleId)],
    );
    await events.confirm();
  }
  return ok(await getLikeState(articleId, viewer.user.id));
}
