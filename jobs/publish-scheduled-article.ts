import { articleScheduled } from '@/lib/articles/events';
import { publishOnSchedule } from '@/lib/articles/save-article';
import { inngest } from '@/lib/jobs/client';
import { dropFailedSchedule } from '@/lib/articles/schedule-article';
import { createNotification } from '@/lib/notifications/create-notification';

/**
 * Scheduled publishing: sleeps until the time the author chose (durably: on Inngest, or in the
 * in-process executor's journal, across restarts), then publishes the draft, only if it is still
 * scheduled for exactly that time. Rescheduling sends a new event (a new run); the old run wakes
 * to a different time and does nothing, as does one for a draft cancelled, published by hand or
 * deleted. Publishing twice is impossible: the second finds the article published.
 */
export const publishScheduledArticle = inngest.createFunction(
  {
    id: 'publish-scheduled-article',
    retries: 4,
    concurrency: { key: 'event.data.articleId', limit: 1 },
    triggers: [articleScheduled],
  },
  async ({ event, step }) => {
    const { articleId, authorId, publishAt } = event.data;
    await step.sleepUntil('wait-for-publish-time', new Date(publishAt));
    const outcome = await step.run('publish', async () => {
      const published = await publishOnSchedule(articleId, publishAt);
      if (published.ok) return { published: true, reason: null };
      // Busy renderer or a store down: the step fails and is retried.
      if (published.code === 'unavailable' || published.code === 'internal')
        throw new Error(published.formError ?? published.code);
      const reason = published.formError ?? Object.values(published.fieldErrors ?? {}).join(' ');
      // Rescheduled, cancelled, published by hand or deleted: nothing to do, nobody to tell.
      if (published.code === 'gone') return { published: false, reason: null };
      return {
        published: false,
        reason: (await dropFailedSchedule(articleId, publishAt)) ? reason : null,
      };
    });
    if (!outcome.published && outcome.reason === null) return { skipped: true };
    await step.run('tell-the-author', () =>
      createNotification({
        userId: authorId,
        kind: outcome.published ? 'scheduled-published' : 'scheduled-failed',
        actorId: authorId,
        subjectId: articleId,
        key: `scheduled:${articleId}:${publishAt}`,
        createdAt: new Date(),
      }),
    );
    return outcome;
  },
);
