import { countersFlushRequested } from '@/lib/articles/events';
import { applyCounterBatch, requeueCounterBatch, takeCounterBatch } from '@/lib/articles/counters';
import { inngest } from '@/lib/jobs/client';

/**
 * Small batches: on a database that serves an update by _id with a scan (FerretDB v1), a write of
 * 500 took longer than the driver's socket timeout at 200,000 articles and was retried while it
 * held the database's connections (docs/performance.md); 50 keeps each write to seconds there.
 */
const BATCH_SIZE = 50;
const MAX_BATCHES_PER_RUN = 100;

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
      if (batch.entries.length === 0) return { written, finished: true };
      try {
        written += await step.run(`write-batch-${index}`, () => applyCounterBatch(batch));
      } catch (error) {
        await step.run(`requeue-batch-${index}`, () => requeueCounterBatch(batch));
        throw error;
      }
      if (batch.entries.length < BATCH_SIZE) return { written, finished: true };
    }
    // More changed than one run writes: another run takes the rest now, not in a minute.
    await step.sendEvent('continue', countersFlushRequested.create({}));
    return { written, finished: false };
  },
);
