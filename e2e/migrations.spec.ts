import mongoose from 'mongoose';
import { migrateDatabase, startAppServer, type RunningApp } from '../scripts/lib/app-server';
import { freePort } from '../scripts/lib/processes';
import { expect, test } from './support/fixtures';

/**
 * Production instances build no index when they start: the deploy's migration step
 * (`npm run migrate`) does, once, before them (docs/deploy.md, "Migrations").
 */
let app: RunningApp | undefined;
let database: mongoose.Connection | undefined;
const uri = new URL(process.env.MONGODB_URI as string);
uri.pathname = `${uri.pathname.replace(/\/$/, '')}_migrations`;
const env = {
  MONGODB_URI: uri.toString(),
  REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}migrations:`,
  TRUST_PROXY: 'loopback',
};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await mongoose.createConnection(uri.toString()).asPromise();
  await database.dropDatabase();
});

test.afterAll(async () => {
  await app?.stop();
  await database?.dropDatabase();
  await database?.close();
});

async function indexesOf(collection: string): Promise<string[]> {
  const db = (database as mongoose.Connection).db;
  if (!db) throw new Error('not connected');
  const exists = await db.listCollections({ name: collection }).toArray();
  if (exists.length === 0) return [];
  return (await db.collection(collection).indexes()).map((index) => index.name ?? '');
}

test('an instance builds no index on start; the migration step builds them all, and again harmlessly', async ({
  request,
}) => {
  test.setTimeout(120_000);
  app = await startAppServer({
    port: await freePort(),
    instanceName: 'migrations-1',
    env,
    migrate: false,
  });
  expect((await request.get(`${app.url}/api/health`)).ok()).toBe(true);
  // Pages that read users and friendships: their models are loaded (where mongoose would build
  // indexes on its own); give such a build time to show, then see that none happened.
  expect((await request.get(`${app.url}/u/nobody_here`)).status()).toBe(404);
  await request.get(`${app.url}/friends`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(await indexesOf('users')).toEqual(['_id_']);

  await migrateDatabase(env);
  await migrateDatabase(env);
  const users = await indexesOf('users');
  expect(users).toEqual(expect.arrayContaining(['email_1', 'usernameKey_1']));
  expect(await indexesOf('friendships')).toContain('pairKey_1');
  expect(await indexesOf('notifications')).toContain('key_1');
  expect(await indexesOf('media.chunks')).toContain('files_id_1_n_1');
  const unique = (await (database as mongoose.Connection).db?.collection('users').indexes()) ?? [];
  expect(unique.find((index) => index.name === 'email_1')?.unique).toBe(true);
});
