import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startFerretDb, type RunningFerretDb } from './ferretdb';
import { mailboxToken } from './mailbox';
import { operatorToken } from './operator-token';
import { ensureRedis, type RunningRedis } from './redis-server';
import { startSearchEngine, type RunningSearchEngine } from './search-engine';
import { runSigningKey } from './signing-key';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Makes sure a test runner has its stores: `npm test` passes the ones it started in the
 * environment; a runner started alone (npx vitest, npx playwright test) starts its own FerretDB,
 * a search engine, and a redis-server if none answers. Returns a function that stops what it started.
 */
export async function ensureTestServices(label: string): Promise<() => Promise<void>> {
  const runId = process.env.TEST_RUN_ID ?? randomBytes(4).toString('hex');
  process.env.TEST_RUN_ID = runId;
  const scratch = path.join(ROOT, '.tmp', `${label}-${runId}`);
  let ferret: RunningFerretDb | undefined;
  if (!process.env.MONGODB_URI) {
    ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb') });
    process.env.MONGODB_URI = ferret.uri(`inkwell_${label}_${runId}`);
  }
  const redis: RunningRedis = await ensureRedis(
    process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    path.join(scratch, 'redis'),
  );
  process.env.REDIS_URL = redis.url;
  let search: RunningSearchEngine | undefined;
  if (!process.env.SEARCH_URL) {
    search = await startSearchEngine({
      dir: path.join(scratch, 'search'),
      port: process.env.SEARCH_ENGINE_PORT ? Number(process.env.SEARCH_ENGINE_PORT) : undefined,
    });
    process.env.SEARCH_URL = search.url;
  }
  process.env.REDIS_KEY_PREFIX ??= `test:${runId}:`;
  process.env.AUTH_SECRET ??= randomBytes(33).toString('base64');
  runSigningKey();
  mailboxToken();
  operatorToken();
  return async () => {
    await ferret?.stop();
    await redis.stop();
    await search?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
