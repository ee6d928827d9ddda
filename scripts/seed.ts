/** Creates the indexes and the demo data; safe to run again (it upserts). */
import { disconnectDb, ensureIndexes } from '../lib/db/connection';
import { seedDemoData } from '../lib/demo/seed-demo-data';
import { localExecutor } from '../jobs/runtime';

async function main(): Promise<void> {
  // The demo's events (articles, friendships) run here, in process.
  localExecutor();
  await ensureIndexes();
  const summary = await seedDemoData();
  console.log(summary);
  await disconnectDb();
  // The Redis connection would keep the process alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
