import { likesEntry } from '@/lib/activity/cache';
import { deliverToStreams } from '@/lib/activity/deliver';
import { recordActivity } from '@/lib/activity/write-activities';
import { isCommentAsAnnounced, isLikeAsAnnounced } from '@/lib/articles/event-checks';
import { articleCommented, articleLiked } from '@/lib/articles/events';
import { inngest } from '@/lib/jobs/client';
import { createNotification } from '@/lib/notifications/create-notification';

/** A comment on your article: an entry in your stream and a notification, if it exists. */
export const streamComment = inngest.createFunction(
  { id: 'stream-article-commented', retries: 4, triggers: [articleCommented] },
  async ({ event, step }) => {
    const { articleId, authorId, commenterId, commentId, createdAt } = event.data;
    const exists = await step.run('check-comment', () => isCommentAsAnnounced(event.data));
    if (!exists) return { skipped: 'no such comment' };
    const activity = await step.run('record-activity', () =>
      recordActivity({
        key: `commented:${commentId}`,
        verb: 'commented',
        actorId: commenterId,
        targetUserId: authorId,
        articleId,
        createdAt: new Date(createdAt),
      }),
    );
    await step.run('deliver', () =>
      deliverToStreams([authorId], activity.id, new Date(createdAt).getTime()),
    );
    // One notification per comment, whichever it says ("replied to your comment" when it answers
    // the author's own): the key is the same, so a retry writes no second one.
    await step.run('notify', () =>
      createNotification({
        userId: authorId,
        kind: event.data.repliesToAuthor ? 'comment-reply' : 'comment',
        actorId: commenterId,
        subjectId: articleId,
        key: `comment:${commentId}`,
        createdAt: new Date(createdAt),
      }),
    );
    return { activityId: activity.id };
  },
);

/**
 * Likes on your article: one grouped stream entry per article, moved up by each new liker, and a
 * notification; for a like that exists (not one taken back, nor one never given). Recorded once
 * per liker and article, ever: unliking and liking again repeats neither the notification nor the
 * move.
 */
export const streamLike = inngest.createFunction(
  { id: 'stream-article-liked', retries: 4, triggers: [articleLiked] },
  async ({ event, step }) => {
    const { articleId, authorId, likerId, likedAt } = event.data;
    const exists = await step.run('check-like', () => isLikeAsAnnounced(event.data));
    if (!exists) return { skipped: 'no such like' };
    const activity = await step.run('record-activity', () =>
      recordActivity({
        key: `liked:${articleId}:${likerId}`,
        verb: 'liked',
        actorId: likerId,
        targetUserId: authorId,
        articleId,
        createdAt: new Date(likedAt),
      }),
    );
    await step.run('deliver', () =>
      deliverToStreams([authorId], likesEntry(articleId), new Date(activity.createdAt).getTime()),
    );
    await step.run('notify', () =>
      createNotification({
        userId: authorId,
        kind: 'like',
        actorId: likerId,
        subjectId: articleId,
        key: `like:${articleId}:${likerId}`,
        createdAt: new Date(activity.createdAt),
      }),
    );
    return { notified: authorId };
  },
);
