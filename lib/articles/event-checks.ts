import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { ArticleModel, CommentModel, LikeModel } from './models';
import { isListed } from './visibility';

/*
 * What the article jobs check in MongoDB before they act on an event: an event is only a claim
 * (it may be stale, replayed, or sent by whoever holds an Inngest event key), MongoDB is the
 * truth. Each answers whether the event still describes what is stored.
 */

const sameInstant = (stored: Date | null | undefined, claimed: string) =>
  stored instanceof Date && stored.getTime() === Date.parse(claimed);

const validIds = (...ids: string[]) => ids.every((id) => Types.ObjectId.isValid(id));

async function publishedArticle(articleId: string, authorId: string) {
  if (!validIds(articleId, authorId)) return null;
  await connectDb();
  const article = await ArticleModel.findById(articleId, {
    authorId: 1,
    status: 1,
    publishedAt: 1,
    visibility: 1,
  }).lean();
  return article && article.status === 'published' && article.authorId.equals(authorId)
    ? article
    : null;
}

/**
 * The article is published, by `authorId`, in the publication the event announced (its
 * `publishedAt`): a fan-out delivers nothing else. Its visibility is not compared: the fan-out
 * goes to the author's friends, who may read either visibility, and a visibility changed since
 * must not cost friends the entry.
 */
export async function isPublishedAsAnnounced(claim: {
  articleId: string;
  authorId: string;
  publishedAt: string;
}): Promise<boolean> {
  const article = await publishedArticle(claim.articleId, claim.authorId);
  return article !== null && sameInstant(article.publishedAt, claim.publishedAt);
}

/**
 * Whether the article, published as the event announced, belongs in its author's friends' streams
 * now: 'listed' (public or friends-only), 'unlisted' (readable by link, in no stream), or null when
 * it is not published as announced. Read again before each batch of a fan-out, so a visibility
 * changed meanwhile stops it (the listing job that change started puts things right).
 */
export async function streamListingAsAnnounced(claim: {
  articleId: string;
  authorId: string;
  publishedAt: string;
}): Promise<'listed' | 'unlisted' | null> {
  const article = await publishedArticle(claim.articleId, claim.authorId);
  if (!article || !sameInstant(article.publishedAt, claim.publishedAt)) return null;
  return isListed(article.visibility) ? 'listed' : 'unlisted';
}

/**
 * The article was in fact withdrawn as the event says: deleted (it no longer exists), or
 * unpublished or taken back for not rendering (it is a draft of `authorId`). An article published
 * (again) is not retracted.
 */
export async function isWithdrawnAsAnnounced(claim: {
  articleId: string;
  authorId: string;
  reason: 'unpublished' | 'unrenderable' | 'deleted' | 'hidden';
}): Promise<boolean> {
  if (!validIds(claim.articleId, claim.authorId)) return false;
  await connectDb();
  const article = await ArticleModel.findById(claim.articleId, { authorId: 1, status: 1 }).lean();
  if (claim.reason === 'deleted') return article === null;
  return article !== null && article.authorId.equals(claim.authorId) && article.status === 'draft';
}

/** The comment exists as announced, on a published article of `authorId`. */
export async function isCommentAsAnnounced(claim: {
  articleId: string;
  authorId: string;
  commenterId: string;
  commentId: string;
  createdAt: string;
}): Promise<boolean> {
  if (!validIds(claim.commentId, claim.commenterId)) return false;
  if (!(await publishedArticle(claim.articleId, claim.authorId))) return false;
  const comment = await CommentModel.findById(claim.commentId, {
    articleId: 1,
    authorId: 1,
    createdAt: 1,
  }).lean();
  return (
    comment !== null &&
    comment.articleId.equals(claim.articleId) &&
    comment.authorId.equals(claim.commenterId) &&
    sameInstant(comment.createdAt, claim.createdAt)
  );
}

/**
 * The reply exists as announced: by `replierId`, at that moment, answering `parentId`, itself a
 * comment of `parentAuthorId` on the same article, which is still published.
 */
export async function isReplyAsAnnounced(claim: {
  articleId: string;
  articleAuthorId: string;
  replierId: string;
  commentId: string;
  parentId: string;
  parentAuthorId: string;
  createdAt: string;
}): Promise<boolean> {
  if (!validIds(claim.commentId, claim.replierId, claim.parentId, claim.parentAuthorId))
    return false;
  if (!(await publishedArticle(claim.articleId, claim.articleAuthorId))) return false;
  const [reply, parent] = await Promise.all([
    CommentModel.findById(claim.commentId, {
      articleId: 1,
      authorId: 1,
      parentId: 1,
      createdAt: 1,
    }).lean(),
    CommentModel.findById(claim.parentId, { articleId: 1, authorId: 1 }).lean(),
  ]);
  return (
    reply !== null &&
    parent !== null &&
    reply.articleId.equals(claim.articleId) &&
    reply.authorId.equals(claim.replierId) &&
    Boolean(reply.parentId?.equals(claim.parentId)) &&
    sameInstant(reply.createdAt, claim.createdAt) &&
    parent.articleId.equals(claim.articleId) &&
    parent.authorId.equals(claim.parentAuthorId)
  );
}

/** The like exists as announced (that person, that moment), on a published article of `authorId`. */
export async function isLikeAsAnnounced(claim: {
  articleId: string;
  authorId: string;
  likerId: string;
  likedAt: string;
}): Promise<boolean> {
  if (!validIds(claim.likerId)) return false;
  if (!(await publishedArticle(claim.articleId, claim.authorId))) return false;
  const like = await LikeModel.findOne(
    { articleId: new Types.ObjectId(claim.articleId), userId: new Types.ObjectId(claim.likerId) },
    { createdAt: 1 },
  ).lean();
  return like !== null && sameInstant(like.createdAt, claim.likedAt);
}
