/**
 * Asks for the one-off rendering recheck (jobs/recheck-article-rendering.ts): every published
 * article is rendered again under the limits, and those that fail go back to draft.
 *
 *   npx tsx --conditions=react-server scripts/recheck-rendering.ts
 *
 * With Inngest configured the event goes to Inngest, which runs the job on the app's instances;
 * with none (the in-process executor), this script runs the job itself and prints its result.
 */
import { disconnectDb } from '../lib/db/connection';
import { renderingRecheckRequested } from '../lib/articles/events';
import { inngest } from '../lib/jobs/client';
import { localExecutor } from '../jobs/runtime';

async function main(): Promise<void> {
  // In process, this script runs the job: its executor must exist before the event is sent.
  const executor =
    !process.env.INNGEST_EVENT_KEY && !process.env.INNGEST_DEV ? localExecutor() : undefined;
  const { ids } = await inngest.send(renderingRecheckRequested.create({}));
  console.log(`rendering recheck requested (event ${ids.join(', ')})`);
  if (executor) {
    await executor.idle();
    for (const run of executor.history) {
      console.log(`${run.functionId}: ${run.status}`, JSON.stringify(run.output ?? run.error));
    }
  }
  await disconnectDb();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
