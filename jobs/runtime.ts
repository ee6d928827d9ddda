import { jobsHandlerFor, localExecutorFor } from '@/lib/jobs/runtime';
import { functions } from './index';

/**
 * This app's jobs runtime: the machinery of lib/jobs/runtime.ts with the functions of jobs/
 * (lib/ never imports jobs/). /api/inngest serves `jobsHandler()`; a process that runs jobs in
 * process (a server without Inngest, the scripts, the tests) creates `localExecutor()` before it
 * sends, so the events it sends reach the functions.
 */
export function jobsHandler() {
  return jobsHandlerFor(functions);
}

export function localExecutor() {
  return localExecutorFor(functions);
}
