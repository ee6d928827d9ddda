import { serve } from 'inngest/next';
import { functions } from '@/jobs';
import { env, resolveJobsMode } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { durableRedis } from '@/lib/redis';
import { globalSingleton } from '@/lib/util/global-singleton';
import { inngest } from './client';
import { LocalExecutor, type ServeHandler } from './local-executor';
import { redisRunJournal } from './run-journal';

/**
 * The `serve()` handler for /api/inngest; the in-process executor drives this same handler. It
 * verifies every call's signature (the client is in the SDK's cloud mode), except against the
 * Inngest dev server. In-process, there is nothing to sync with: an unsigned PUT is refused too.
 */
export function jobsHandler() {
  return globalSingleton('jobsHandler', () =>
    serve({
      client: inngest,
      functions: [...functions],
      ...(resolveJobsMode(process.env) === 'in-process' ? { enableUnauthedSync: false } : {}),
    }),
  );
}

const EVENT_ID_TTL_SECONDS = 24 * 60 * 60;

export function localExecutor(): LocalExecutor {
  return globalSingleton('localExecutor', () => {
    const handler = jobsHandler();
    const store = durableRedis();
    const executor = new LocalExecutor({
      appId: inngest.id,
      functions,
      handler: handler as unknown as ServeHandler,
      concurrency: env().JOBS_CONCURRENCY,
      log: logger().child({ component: 'jobs' }),
      journal: redisRunJournal(store),
      // Like Inngest, an event id is processed once, whichever instance received it.
      claimEvent: (eventId) =>
        store.one(
          store.cmd.set(`jobs:event:${eventId}`, '1', {
            ttlSeconds: EVENT_ID_TTL_SECONDS,
            onlyIfAbsent: true,
          }),
        ),
    });
    return executor;
  });
}
