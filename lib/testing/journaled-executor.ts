import { serve } from 'inngest/next';
import type { InngestFunction } from 'inngest';
import { inngest } from '@/lib/jobs/client';
import { LocalExecutor } from '@/lib/jobs/local-executor';
import { redisRunJournal } from '@/lib/jobs/run-journal';
import { fetchHandlerOf } from '@/lib/jobs/runtime';
import { durableRedis } from '@/lib/redis';

/**
 * One instance's in-process executor over the shared run journal (a short lease, so a "dead"
 * instance's runs are taken over quickly): the tests of runs that outlive their process.
 */
export function journaledExecutor(
  functions: InngestFunction.Any[],
  leaseMs: number,
): LocalExecutor {
  return new LocalExecutor({
    appId: inngest.id,
    functions,
    handler: fetchHandlerOf(serve({ client: inngest, functions })),
    journal: redisRunJournal(durableRedis(), leaseMs),
    retryBaseMs: 5,
  });
}

/** Waits until `condition` holds, polling every 20 ms. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
