import { pruneStampShard, STAMP_SHARDS } from '@/lib/cache/change-clock';
import { changeStampsPruneRequested } from '@/lib/cache/events';
import { inngest } from '@/lib/jobs/client';

/**
 * Removes change stamps older than their lifetime, one step per shard (Redis 7.0 hash fields have
 * no expiry of their own). Removing is idempotent and rechecks each stamp atomically, so a retry
 * or a run beside a writer never drops a fresh stamp.
 */
export const pruneChangeStamps = inngest.createFunction(
  {
    id: 'prune-change-stamps',
    retries: 4,
    concurrency: { limit: 1 },
    triggers: [{ cron: '*/10 * * * *' }, changeStampsPruneRequested],
  },
  async ({ step }) => {
    let removed = 0;
    for (let shard = 0; shard < STAMP_SHARDS; shard += 1) {
      removed += await step.run(`prune-shard-${shard}`, () => pruneStampShard(shard));
    }
    return { removed };
  },
);
