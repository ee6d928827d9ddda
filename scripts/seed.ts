/** Creates the indexes and the demo data; safe to run again (it upserts). */
import { disconnectDb, ensureIndexes } from '../lib/db/connection';
import { seedDemoData } from '../lib/demo/seed-demo-data';
import { localExecutor } from '../jobs/runtime';
import { closeSearchEngine } from '../lib/search/engine';
import { rebuildSearchIndexNow } from '../lib/search/rebuild';

async function main(): Promise<void> {
  // The demo's events (articles, friendships) run here, in process.
  localExecutor();
  await ensureIndexes();
  const summary = await seedDemoData();
  console.log(summary);
  // Whatever the seed wrote without events (and a search index lost since) is made searchable.
  if (process.env.SEARCH_URL) {
    console.log('search index:', await rebuildSearchIndexNow());
    await closeSearchEngine();
  }
  await disconnectDb();
  // The Redis connection would keep the process alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
