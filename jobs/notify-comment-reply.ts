import { canSeeArticle } from '@/lib/articles/access';
import { getArticleView } from '@/lib/articles/cache';
import { isReplyAsAnnounced } from '@/lib/articles/event-checks';
import { commentReplied } from '@/lib/articles/events';
import { blockedEitherWay } from '@/lib/friends/cache';
import { inngest } from '@/lib/jobs/client';
import { createNotification } from '@/lib/notifications/create-notification';

/**
 * A reply to your comment: a notification leading to the reply, if the reply exists as announced,
 * nobody in a block with you wrote it and you may still read the article. Keyed per reply: a
 * retry writes no second one.
 */
export const notifyCommentReply = inngest.createFunction(
  { id: 'notify-comment-reply', retries: 4, triggers: [commentReplied] },
  async ({ event, step }) => {
    const { articleId, replierId, commentId, parentAuthorId, createdAt } = event.data;
    if (parentAuthorId === replierId) return { skipped: 'own comment' };
    const exists = await step.run('check-reply', () => isReplyAsAnnounced(event.data));
    if (!exists) return { skipped: 'no such reply' };
    const blocked = await step.run('check-block', async () =>
      (await blockedEitherWay(parentAuthorId)).has(replierId),
    );
    if (blocked) return { skipped: 'blocked' };
    // Someone no longer the author's friend is told nothing of a friends-only article.
    const readable = await step.run('check-reader', async () => {
      const article = await getArticleView(articleId);
      return article !== null && (await canSeeArticle(article, parentAuthorId));
    });
    if (!readable) return { skipped: 'cannot read the article' };
    await step.run('notify', () =>
      createNotification({
        userId: parentAuthorId,
        kind: 'comment-reply',
        actorId: replierId,
        subjectId: articleId,
        key: `comment-reply:${commentId}`,
        createdAt: new Date(createdAt),
      }),
    );
    return { notified: parentAuthorId };
  },
);
