import { likesEntry } from '@/lib/activity/cache';
import {
  deliverToStreams,
  FAN_OUT_BATCH,
  fanOutRecipients,
  removeFromStreams,
} from '@/lib/activity/deliver';
import { activityIdsOfArticle } from '@/lib/activity/queries';
import { deleteArticleActivities, recordActivity } from '@/lib/activity/write-activities';
import {
  isPublishedAsAnnounced,
  isWithdrawnAsAnnounced,
  streamListingAsAnnounced,
} from '@/lib/articles/event-checks';
import { articleListingChanged, articlePublished, articleWithdrawn } from '@/lib/articles/events';
import { inngest } from '@/lib/jobs/client';

/** The publication's activity, once per publication (the same key gives the same activity). */
function recordPublication(articleId: string, authorId: string, publishedAt: string) {
  return recordActivity({
    key: `published:${articleId}:${new Date(publishedAt).toISOString()}`,
    verb: 'published',
    actorId: authorId,
    articleId,
    createdAt: new Date(publishedAt),
  });
}

/**
 * Fan-out on write: a published article goes into every friend's stream, 1,000 friends per step,
 * so a retry repeats only the batch that failed. Delivery is idempotent (the stream entry is the
 * activity id), and runs of one author never overlap. Only an article that MongoDB says is
 * published, by that author, in that publication is delivered; each batch checks again, so an
 * article withdrawn meanwhile stops spreading. An unlisted article's publication is recorded (so
 * listing it later can deliver it) but delivered to nobody.
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
        ? recordPublication(articleId, authorId, publishedAt)
        : null,
    );
    if (!activity) return { skipped: 'the article is not published as the event says' };
    const recipients = await step.run('find-recipients', () => fanOutRecipients(authorId));
    const score = new Date(activity.createdAt).getTime();
    let delivered = 0;
    for (let start = 0, batch = 0; start < recipients.length; start += FAN_OUT_BATCH, batch += 1) {
      const slice = recipients.slice(start, start + FAN_OUT_BATCH);
      delivered += await step.run(`deliver-batch-${batch}`, async () =>
        (await streamListingAsAnnounced(event.data)) === 'listed'
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

/**
 * A published article turned unlisted leaves its author's friends' streams; one listed again
 * (public or friends-only) goes back in, at its publication time. What to do is read from MongoDB,
 * not from the event, and checked again before each batch: a run that finds the visibility changed
 * once more stops, and the run of that later change (runs of one author never overlap) finishes
 * the work. ZADD and ZREM of the same entry are no-ops when repeated, so retries are harmless.
 */
export const syncArticleListing = inngest.createFunction(
  {
    id: 'sync-article-listing',
    retries: 4,
    concurrency: { key: 'event.data.authorId', limit: 1 },
    triggers: [articleListingChanged],
  },
  async ({ event, step }) => {
    const { articleId, authorId, publishedAt } = event.data;
    const listing = await step.run('check-article', () => streamListingAsAnnounced(event.data));
    if (!listing) return { skipped: 'the article is not published as the event says' };
    const activity = await step.run('record-activity', () =>
      recordPublication(articleId, authorId, publishedAt),
    );
    const recipients = await step.run('find-recipients', () => fanOutRecipients(authorId));
    const score = new Date(activity.createdAt).getTime();
    let changed = 0;
    for (let start = 0, batch = 0; start < recipients.length; start += FAN_OUT_BATCH, batch += 1) {
      const slice = recipients.slice(start, start + FAN_OUT_BATCH);
      const done = await step.run(
        `${listing === 'listed' ? 'deliver' : 'retract'}-batch-${batch}`,
        async () => {
          if ((await streamListingAsAnnounced(event.data)) !== listing) return null;
          if (listing === 'listed') return deliverToStreams(slice, activity.id, score);
          await removeFromStreams(slice, [activity.id]);
          return slice.length;
        },
      );
      if (done === null) return { listing, changed, stopped: 'the visibility changed again' };
      changed += done;
    }
    return { listing, activityId: activity.id, changed };
  },
);
