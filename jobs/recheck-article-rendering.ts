import { renderingRecheckRequested } from '@/lib/articles/events';
import {
  publishedArticleIdsAfter,
  recheckArticlesRendering,
  type WithdrawnForRendering,
} from '@/lib/articles/recheck-rendering';
import { inngest } from '@/lib/jobs/client';
import { logger } from '@/lib/log/logger';

const BATCH_SIZE = 25;
const MAX_BATCHES_PER_RUN = 40;

/**
 * One-off (run it after deploying the rendering limits, or after changing them): re-renders every
 * published article under the limits, 25 per step, and takes those that fail back to draft,
 * recording why on the article and in the run's output. Idempotent: a retried step re-checks the
 * same batch, and a withdrawn article is a draft that later batches skip. A long run continues in
 * a new run from where it stopped, so no run grows without bound.
 */
export const recheckArticleRendering = inngest.createFunction(
  {
    id: 'recheck-article-rendering',
    retries: 4,
    concurrency: { limit: 1 },
    triggers: [renderingRecheckRequested],
  },
  async ({ event, step }) => {
    let after: string | null = event.data.after ?? null;
    let checked = 0;
    const withdrawn: WithdrawnForRendering[] = [];
    for (let index = 0; index < MAX_BATCHES_PER_RUN; index += 1) {
      const cursor = after;
      const ids = await step.run(`list-batch-${index}`, () =>
        publishedArticleIdsAfter(cursor, BATCH_SIZE),
      );
      if (ids.length === 0) return { checked, withdrawn, finished: true };
      const failed = await step.run(`recheck-batch-${index}`, async () => {
        const outcome = await recheckArticlesRendering(ids);
        for (const article of outcome) {
          logger().warn(article, 'withdrawn: the article cannot be rendered within the limits');
        }
        return outcome;
      });
      checked += ids.length;
      withdrawn.push(...failed);
      after = ids[ids.length - 1] ?? after;
      if (ids.length < BATCH_SIZE) return { checked, withdrawn, finished: true };
    }
    await step.sendEvent(
      'continue',
      renderingRecheckRequested.create({ after: after ?? undefined }),
    );
    return { checked, withdrawn, finished: false };
  },
);
