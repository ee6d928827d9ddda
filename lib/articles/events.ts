import { eventType } from 'inngest';
import { z } from 'zod';
import { VISIBILITIES } from './visibility';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

export const articlePublished = eventType('article/published', {
  schema: z.object({
    articleId: objectId,
    authorId: objectId,
    visibility: z.enum(VISIBILITIES),
    publishedAt: z.string(),
  }),
});

/**
 * A published article moved between listed (public, friends-only) and unlisted: its publication
 * enters or leaves its author's friends' streams. The job reads the visibility from MongoDB, not
 * from the event, so events handled late or out of order still leave the streams as stored.
 */
export const articleListingChanged = eventType('article/listing-changed', {
  schema: z.object({ articleId: objectId, authorId: objectId, publishedAt: z.string() }),
});

/**
 * A published article's text, tags or visibility changed (or it left publication by another way
 * than articleWithdrawn): the search index re-reads it from MongoDB. Any later version's event
 * does the same work, so their order does not matter.
 */
export const articleChanged = eventType('article/changed', {
  schema: z.object({ articleId: objectId, authorId: objectId, version: z.number().int() }),
});

/**
 * A draft scheduled for publication at `publishAt` (ISO): the job sleeps until then and publishes
 * it if it is still a draft scheduled for exactly that time (a reschedule sends a new event).
 */
export const articleScheduled = eventType('article/scheduled', {
  schema: z.object({ articleId: objectId, authorId: objectId, publishAt: z.string() }),
});

/**
 * Unpublished, deleted, taken back because it cannot be rendered, or hidden by a moderator: it
 * leaves every stream.
 */
export const articleWithdrawn = eventType('article/withdrawn', {
  schema: z.object({
    articleId: objectId,
    authorId: objectId,
    reason: z.enum(['unpublished', 'deleted', 'unrenderable', 'hidden']),
  }),
});

export const articleCommented = eventType('article/commented', {
  schema: z.object({
    articleId: objectId,
    authorId: objectId,
    commenterId: objectId,
    commentId: objectId,
    createdAt: z.string(),
    /** It answers a comment of the article's author: their one notification says "replied". */
    repliesToAuthor: z.boolean().optional(),
  }),
});

/**
 * A reply to someone's comment: its author is told, unless they wrote the reply or the article
 * (then articleCommented tells them, once).
 */
export const commentReplied = eventType('comment/replied', {
  schema: z.object({
    articleId: objectId,
    articleAuthorId: objectId,
    replierId: objectId,
    commentId: objectId,
    parentId: objectId,
    parentAuthorId: objectId,
    createdAt: z.string(),
  }),
});

export const articleLiked = eventType('article/liked', {
  schema: z.object({
    articleId: objectId,
    authorId: objectId,
    likerId: objectId,
    likedAt: z.string(),
  }),
});

/** Asks the counter job to flush now (it also runs every minute). */
export const countersFlushRequested = eventType('articles/counters.flush', {
  schema: z.object({}),
});

/**
 * Re-renders every published article under the rendering limits and takes back to draft those
 * that fail (articles published before the limits existed). `after` continues a long run.
 */
export const renderingRecheckRequested = eventType('articles/recheck-rendering.requested', {
  schema: z.object({ after: objectId.optional() }),
});
