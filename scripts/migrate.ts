/**
 * `npm run migrate` (`node .build/migrate.js` in the image): prepares the database for this
 * version, once per deploy, before its instances start — they build no index themselves in
 * production (docs/deploy.md, "Migrations"). Creates every model's indexes (the unique ones are
 * data rules: duplicates are refused by them) and GridFS's. Idempotent: existing indexes are kept.
 */
// Every model, so that each registers with mongoose before its indexes are created
// (scripts/migrate.test.ts checks that none is missing).
import '../lib/auth/oauth-link-model';
import '../lib/users/user-model';
import '../lib/users/username-hold-model';
import '../lib/data-export/model';
import '../lib/activity/model';
import '../lib/articles/models';
import '../lib/articles/revision-model';
import '../lib/friends/models';
import '../lib/jobs/outbox-model';
import '../lib/notifications/model';
import '../lib/passkeys/models';
import '../lib/mutes/model';
import '../lib/reading-list/model';
import '../lib/moderation/models';
import { connectDb, disconnectDb, ensureIndexes } from '../lib/db/connection';
import { ensureMediaIndexes } from '../lib/media/media-store';
import { closeSearchEngine } from '../lib/search/engine';
import { ensureSearchTables } from '../lib/search/tables';

export async function migrate(): Promise<string[]> {
  const connected = await connectDb();
  await ensureIndexes();
  await ensureMediaIndexes();
  // A search engine that cannot be reached is not a reason to stop a deploy: search says it is
  // unavailable until it is back, and the rebuild job fills a new one.
  console.log(
    await ensureSearchTables().catch((error: unknown) => `search: not prepared (${String(error)})`),
  );
  await closeSearchEngine();
  return connected.modelNames();
}

if (process.argv[1] && /migrate\.(ts|js)$/.test(process.argv[1])) {
  migrate()
    .then(async (models) => {
      console.log(`migrated: indexes of ${models.join(', ')} and media`);
      await disconnectDb();
      // A Redis connection opened by a module would keep the process alive.
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error('migration failed:', error);
      process.exit(1);
    });
}
