import { countersFlushRequested } from '@/lib/articles/events';
import { applyCounterBatch, requeueCounterBatch, takeCounterBatch } from '@/lib/articles/counters';
import { inngest } from '@/lib/jobs/client';

const BATCH_SIZE = 500;
const MAX_BATCHES_PER_RUN = 20;

/**
 * Writes the views, likes and comment counts that changed in Redis to MongoDB in batches: every
 * minute, or when asked. One run at a time; a batch taken from Redis is a memoised step result,
 * so a retried write applies the same batch (and skips articles that already have it).
 */
export const flushArticleCounters = inngest.createFunction(
  {
    id: 'flush-article-counters',
    retries: 4,
    concurrency: { limit: 1 },
    triggers: [{ cron: '* * * * *' }, countersFlushRequested],
  },
  async ({ step }) => {
    let written = 0;
    for (let index = 0; index < MAX_BATCHES_PER_RUN; index += 1) {
      const batch = await step.run(`take-batch-${index}`, () => takeCounterBatch(BATCH_SIZE));
      if (batch.entries.length === 0) break;
      try {
        written += await step.run(`write-batch-${index}`, () => applyCounterBatch(batch));
      } catch (error) {
        await step.run(`requeue-batch-${index}`, () => requeueCounterBatch(batch));
        throw error;
      }
      if (batch.entries.length < BATCH_SIZE) break;
    }
    return { written };
  },
);
