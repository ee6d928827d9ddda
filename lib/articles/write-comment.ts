import 'server-only';
import { Types } from 'mongoose';
import { dropCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { enforceAccountLimit } from '@/lib/rate-limit/new-account-limits';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { durableRedis } from '@/lib/redis';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { loadArticleToRespondTo } from './access';
import { articleKeys, getArticleView, markCountersDirty } from './cache';
import { articleCommented, commentReplied } from './events';
import { CommentModel } from './models';
import { renderCommentMarkdown, renderFailure } from './render-markdown';
import { commentEditSchema, commentPlacementSchema, commentSchema } from './schemas';

async function afterChange(articleId: string): Promise<void> {
  await dropCached(articleKeys.comments(articleId));
  await durableRedis().one(markCountersDirty(articleId));
}

/**
 * Comments on an article the viewer can see; a reply may answer any comment of the same article,
 * down to COMMENT_LIMITS.maxDepth. The body is rendered once, here, and kept with the comment.
 */
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
  const limited = await enforceAccountLimit('comment', viewer.user);
  if (limited) return limited;
  await connectDb();
  const placed = await placeComment(articleId, parsed.value.parentId ?? null);
  if (!placed.ok) return placed;
  const parent = placed.value;
  const rendered = await renderCommentMarkdown(parsed.value.body);
  if (!rendered.ok) return renderFailure(rendered);
  const createdAt = new Date();
  const commentId = new Types.ObjectId();
  const events = commentEvents({
    articleId,
    articleAuthorId: article.authorId,
    commenterId: viewer.user.id,
    commentId: commentId.toString(),
    parent,
    createdAt: createdAt.toISOString(),
  });
  await changeWithEvents(events.length > 0 ? events : null, async () => {
    await CommentModel.create({
      _id: commentId,
      articleId: new Types.ObjectId(articleId),
      authorId: new Types.ObjectId(viewer.user.id),
      parentId: parent ? parent.id : null,
      ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [],
      body: parsed.value.body,
      html: rendered.value.html,
      createdAt,
    });
    await afterChange(articleId);
  });
  return ok({ id: commentId.toString() });
}

interface ParentComment {
  id: Types.ObjectId;
  authorId: string;
  ancestorIds: Types.ObjectId[];
}

/**
 * Where a new comment goes: the comment it answers must exist on the same article, and the
 * conversation must have room (commentPlacementSchema). Reads MongoDB, the truth, not the cache.
 */
async function placeComment(
  articleId: string,
  parentId: string | null,
): Promise<Result<ParentComment | null>> {
  let parent: ParentComment | null = null;
  if (parentId) {
    const row = await CommentModel.findById(parentId, {
      articleId: 1,
      authorId: 1,
      parentId: 1,
      ancestorIds: 1,
    }).lean();
    if (!row || !row.articleId.equals(articleId)) {
      return failFields({ parentId: 'That comment no longer exists.' });
    }
    // Replies from before nesting keep no ancestors: their parent is the only one.
    const ancestorIds = row.ancestorIds ?? (row.parentId ? [row.parentId] : []);
    parent = { id: row._id, authorId: row.authorId.toString(), ancestorIds };
  }
  const placement = commentPlacementSchema.safeParse({
    commentsBefore: await CommentModel.countDocuments({
      articleId: new Types.ObjectId(articleId),
    }),
    depth: parent ? parent.ancestorIds.length + 1 : 0,
  });
  if (!placement.success) {
    return fail('conflict', placement.error.issues[0]?.message ?? 'This comment cannot be added.');
  }
  return ok(parent);
}

/**
 * Who is told: the article's author (their stream and one notification), and the author of the
 * comment answered, unless they wrote the reply or the article. Ids are per comment: a retried
 * request or job tells nobody twice.
 */
function commentEvents(input: {
  articleId: string;
  articleAuthorId: string;
  commenterId: string;
  commentId: string;
  parent: ParentComment | null;
  createdAt: string;
}) {
  const { articleId, articleAuthorId, commenterId, commentId, parent, createdAt } = input;
  const events = [];
  if (articleAuthorId !== commenterId) {
    events.push(
      articleCommented.create(
        {
          articleId,
          authorId: articleAuthorId,
          commenterId,
          commentId,
          createdAt,
          ...(parent?.authorId === articleAuthorId ? { repliesToAuthor: true } : {}),
        },
        { id: `article-commented:${commentId}` },
      ),
    );
  }
  if (parent && parent.authorId !== commenterId && parent.authorId !== articleAuthorId) {
    events.push(
      commentReplied.create(
        {
          articleId,
          articleAuthorId,
          replierId: commenterId,
          commentId,
          parentId: parent.id.toString(),
          parentAuthorId: parent.authorId,
          createdAt,
        },
        { id: `comment-replied:${commentId}` },
      ),
    );
  }
  return events;
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
  const rendered = await renderCommentMarkdown(parsed.value.body);
  if (!rendered.ok) return renderFailure(rendered);
  await CommentModel.updateOne(
    { _id: comment._id },
    { $set: { body: parsed.value.body, html: rendered.value.html, editedAt: new Date() } },
  );
  await afterChange(comment.articleId.toString());
  return ok({ id: commentId });
}

/** Deletes your own comment, or any comment on your article (with every reply under it). */
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
  await CommentModel.deleteMany({
    articleId: comment.articleId,
    // parentId: replies from before nesting, which keep no ancestors.
    $or: [{ _id: comment._id }, { parentId: comment._id }, { ancestorIds: comment._id }],
  });
  await afterChange(articleId);
  return ok({ id: commentId });
}

function limitCommentChanges(viewer: SignedIn) {
  return enforceRateLimits(
    [[RATE_LIMITS.commentChangesPerAccount, viewer.user.id]],
    'comment edits and deletions',
  );
}
