import 'server-only';
import { Types } from 'mongoose';
import { dropCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { articleKeys } from './cache';
import { CommentModel } from './models';

export interface HiddenComment {
  commentId: string;
  articleId: string;
  authorId: string;
}

/**
 * A moderator's hiding or its lifting (lib/moderation): the comment stays in MongoDB (the case and
 * an appeal quote it) and the article's cached comments are dropped, which stamps every page that
 * showed them, so the page cache renders them again. Streams name no comment's text.
 */
export async function setCommentHidden(
  commentId: string,
  hidden: boolean,
): Promise<HiddenComment | null> {
  if (!Types.ObjectId.isValid(commentId)) return null;
  await connectDb();
  const comment = await CommentModel.findOneAndUpdate(
    { _id: new Types.ObjectId(commentId) },
    { $set: { hiddenAt: hidden ? new Date() : null } },
    { returnDocument: 'after', projection: { articleId: 1, authorId: 1 } },
  ).lean();
  if (!comment) return null;
  const articleId = comment.articleId.toString();
  await dropCached(articleKeys.comments(articleId));
  return { commentId, articleId, authorId: comment.authorId.toString() };
}
