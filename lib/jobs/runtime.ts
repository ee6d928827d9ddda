import type { InngestFunction } from 'inngest';
import { serve, type RequestHandler } from 'inngest/next';
import { NextRequest } from 'next/server';
import { env, resolveJobsMode } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { durableRedis } from '@/lib/redis';
import { globalSingleton } from '@/lib/util/global-singleton';
import { inngest, setExecutorDispatch } from './client';
import { LocalExecutor, type ServeHandler } from './local-executor';
import { redisRunJournal } from './run-journal';

/**
 * The machinery that serves and runs jobs. The functions themselves live in jobs/, above lib/:
 * jobs/runtime.ts passes them in (`jobsHandler()` and `localExecutor()` there), and whatever
 * serves or runs jobs (/api/inngest, instrumentation.ts, scripts, tests) takes them from it.
 */
export type JobFunctions = readonly InngestFunction.Any[];

/**
 * The `serve()` handler for /api/inngest; the in-process executor drives this same handler. It
 * verifies every call's signature (the client is in the SDK's cloud mode), except against the
 * Inngest dev server. In-process, there is nothing to sync with: an unsigned PUT is refused too.
 * One per process: the first caller's functions are the app's.
 */
export function jobsHandlerFor(functions: JobFunctions) {
  return globalSingleton('jobsHandler', () =>
    serve({
      client: inngest,
      functions: [...functions],
      ...(resolveJobsMode(process.env) === 'in-process' ? { enableUnauthedSync: false } : {}),
    }),
  );
}

/** The Next handler as the executor calls it: with a Request, as the route hands it a NextRequest. */
export function fetchHandlerOf(handler: RequestHandler): ServeHandler {
  return (request) => handler(new NextRequest(request), undefined);
}

const EVENT_ID_TTL_SECONDS = 24 * 60 * 60;

const executorSlot = globalSingleton('localExecutorSlot', () => ({
  executor: undefined as LocalExecutor | undefined,
}));

/**
 * This process's in-process executor, created on first use; from then on the client's sends
 * (in the in-process mode) are dispatched to it.
 */
export function localExecutorFor(functions: JobFunctions): LocalExecutor {
  if (executorSlot.executor) return executorSlot.executor;
  const store = durableRedis();
  const executor = new LocalExecutor({
    appId: inngest.id,
    functions,
    handler: fetchHandlerOf(jobsHandlerFor(functions)),
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
  executorSlot.executor = executor;
  setExecutorDispatch((events) => executor.dispatch(events));
  return executor;
}

/** Resolves once this process's executor, if it has one, has no run left to finish. */
export async function jobsIdle(): Promise<void> {
  await executorSlot.executor?.idle();
}
