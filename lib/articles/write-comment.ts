import 'server-only';
import { Types } from 'mongoose';
import { dropCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { durableRedis } from '@/lib/redis';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { loadArticleToRespondTo } from './access';
import { articleKeys, getArticleView, markCountersDirty } from './cache';
import { articleCommented } from './events';
import { CommentModel } from './models';
import { commentEditSchema, commentSchema } from './schemas';

async function afterChange(articleId: string): Promise<void> {
  await dropCached(articleKeys.comments(articleId));
  await durableRedis().one(markCountersDirty(articleId));
}

/** Comments on an article the viewer can see; a reply must answer a top-level comment. */
export async function addComment(
  viewer: SignedIn,
  articleId: string,
  input: unknown,
): Promise<Result<{ id: string }>> {
  const parsed = parseInput(commentSchema, input);
  if (!parsed.ok) return parsed;
  const readable = await loadArticleToRespondTo(await getArticleView(articleId), viewer.user.id);
  if (!readable.ok) return readable;
  const article = readable.value;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.commentsPerAccount, viewer.user.id]],
    'comments',
  );
  if (limited) return limited;
  await connectDb();
  if (parsed.value.parentId) {
    const parent = await CommentModel.findById(parsed.value.parentId, {
      articleId: 1,
      parentId: 1,
    }).lean();
    if (!parent || !parent.articleId.equals(articleId)) {
      return failFields({ parentId: 'That comment no longer exists.' });
    }
    if (parent.parentId) return failFields({ parentId: 'Replies cannot have replies.' });
  }
  const createdAt = new Date();
  const commentId = new Types.ObjectId();
  const notifyAuthor =
    article.authorId !== viewer.user.id
      ? articleCommented.create(
          {
            articleId,
            authorId: article.authorId,
            commenterId: viewer.user.id,
            commentId: commentId.toString(),
            createdAt: createdAt.toISOString(),
          },
          { id: `article-commented:${commentId.toString()}` },
        )
      : null;
  await changeWithEvents(notifyAuthor, async () => {
    await CommentModel.create({
      _id: commentId,
      articleId: new Types.ObjectId(articleId),
      authorId: new Types.ObjectId(viewer.user.id),
      parentId: parsed.value.parentId ? new Types.ObjectId(parsed.value.parentId) : null,
      body: parsed.value.body,
      createdAt,
    });
    await afterChange(articleId);
  });
  return ok({ id: commentId.toString() });
}

/** Edits your own comment, on an article you may still respond to. */
export async function editComment(
  viewer: SignedIn,
  commentId: string,
  input: unknown,
): Promise<Result<{ id: string }>> {
  const parsed = parseInput(commentEditSchema, input);
  if (!parsed.ok) return parsed;
  if (!Types.ObjectId.isValid(commentId)) return fail('not-found', 'This comment does not exist.');
  const limited = await limitCommentChanges(viewer);
  if (limited) return limited;
  await connectDb();
  const comment = await CommentModel.findById(commentId, { authorId: 1, articleId: 1 }).lean();
  if (!comment) return fail('not-found', 'This comment does not exist.');
  if (!comment.authorId.equals(viewer.user.id))
    return fail('forbidden', 'You can only edit your own comments.');
  // An edit is a response like a new comment: nobody in a block with the author may make one.
  const readable = await loadArticleToRespondTo(
    await getArticleView(comment.articleId.toString()),
    viewer.user.id,
  );
  if (!readable.ok) return readable;
  await CommentModel.updateOne(
    { _id: comment._id },
    { $set: { body: parsed.value.body, editedAt: new Date() } },
  );
  await afterChange(comment.articleId.toString());
  return ok({ id: commentId });
}

/** Deletes your own comment, or any comment on your article (with its replies). */
export async function deleteComment(
  viewer: SignedIn,
  commentId: string,
): Promise<Result<{ id: string }>> {
  if (!Types.ObjectId.isValid(commentId)) return fail('not-found', 'This comment does not exist.');
  const limited = await limitCommentChanges(viewer);
  if (limited) return limited;
  await connectDb();
  const comment = await CommentModel.findById(commentId, { authorId: 1, articleId: 1 }).lean();
  if (!comment) return fail('not-found', 'This comment does not exist.');
  const articleId = comment.articleId.toString();
  const article = await getArticleView(articleId);
  const mayDelete = comment.authorId.equals(viewer.user.id) || article?.authorId === viewer.user.id;
  if (!mayDelete)
    return fail(
      'forbidden',
      'You can only delete your own comments, or comments on your articles.',
    );
  await CommentModel.deleteMany({ $or: [{ _id: comment._id }, { parentId: comment._id }] });
  await afterChange(articleId);
  return ok({ id: commentId });
}

function limitCommentChanges(viewer: SignedIn) {
  return enforceRateLimits(
    [[RATE_LIMITS.commentChangesPerAccount, viewer.user.id]],
    'comment edits and deletions',
  );
}
