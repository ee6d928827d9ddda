import { likesEntry } from '@/lib/activity/cache';
import {
  deliverToStreams,
  FAN_OUT_BATCH,
  fanOutRecipients,
  removeFromStreams,
} from '@/lib/activity/deliver';
import { activityIdsOfArticle } from '@/lib/activity/queries';
import { deleteArticleActivities, recordActivity } from '@/lib/activity/write-activities';
import { isPublishedAsAnnounced, isWithdrawnAsAnnounced } from '@/lib/articles/event-checks';
import { articlePublished, articleWithdrawn } from '@/lib/articles/events';
import { inngest } from '@/lib/jobs/client';

/**
 * Fan-out on write: a published article goes into every friend's stream, 1,000 friends per step,
 * so a retry repeats only the batch that failed. Delivery is idempotent (the stream entry is the
 * activity id), and runs of one author never overlap. Only an article that MongoDB says is
 * published, by that author, in that publication is delivered; each batch checks again, so an
 * article withdrawn meanwhile stops spreading.
 */
export const fanOutPublishedArticle = inngest.createFunction(
  {
    id: 'fan-out-published-article',
    retries: 4,
    concurrency: { key: 'event.data.authorId', limit: 1 },
    triggers: [articlePublished],
  },
  async ({ event, step }) => {
    const { articleId, authorId, publishedAt } = event.data;
    const activity = await step.run('record-activity', async () =>
      (await isPublishedAsAnnounced(event.data))
        ? recordActivity({
            key: `published:${articleId}:${new Date(publishedAt).toISOString()}`,
            verb: 'published',
            actorId: authorId,
            articleId,
            createdAt: new Date(publishedAt),
          })
        : null,
    );
    if (!activity) return { skipped: 'the article is not published as the event says' };
    const recipients = await step.run('find-recipients', () => fanOutRecipients(authorId));
    const score = new Date(activity.createdAt).getTime();
    let delivered = 0;
    for (let start = 0, batch = 0; start < recipients.length; start += FAN_OUT_BATCH, batch += 1) {
      const slice = recipients.slice(start, start + FAN_OUT_BATCH);
      delivered += await step.run(`deliver-batch-${batch}`, async () =>
        (await isPublishedAsAnnounced(event.data))
          ? deliverToStreams(slice, activity.id, score)
          : 0,
      );
    }
    return { activityId: activity.id, delivered };
  },
);

/**
 * An unpublished or deleted article leaves every stream it reached, and its activities are
 * forgotten: only if MongoDB agrees (deleted: gone; unpublished: a draft of that author).
 */
export const retractWithdrawnArticle = inngest.createFunction(
  {
    id: 'retract-withdrawn-article',
    retries: 4,
    concurrency: { key: 'event.data.authorId', limit: 1 },
    triggers: [articleWithdrawn],
  },
  async ({ event, step }) => {
    const { articleId, authorId } = event.data;
    const withdrawn = await step.run('check-article', () => isWithdrawnAsAnnounced(event.data));
    if (!withdrawn) return { skipped: 'the article is not withdrawn as the event says' };
    // Forget first, so that a stream rebuilt meanwhile cannot bring the entries back.
    const members = await step.run('forget-activities', async () => {
      const ids = await activityIdsOfArticle(articleId);
      await deleteArticleActivities(articleId);
      return [...ids, likesEntry(articleId)];
    });
    const recipients = await step.run('find-recipients', async () => [
      authorId,
      ...(await fanOutRecipients(authorId)),
    ]);
    for (let start = 0, batch = 0; start < recipients.length; start += FAN_OUT_BATCH, batch += 1) {
      const slice = recipients.slice(start, start + FAN_OUT_BATCH);
      await step.run(`retract-batch-${batch}`, () => removeFromStreams(slice, members));
    }
    return { retracted: members.length, streams: recipients.length };
  },
);
