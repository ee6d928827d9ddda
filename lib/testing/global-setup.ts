import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startFerretDb, type RunningFerretDb } from '@/scripts/lib/ferretdb';
import { ensureRedis, type RunningRedis } from '@/scripts/lib/redis-server';

/**
 * `npm test` passes MONGODB_URI and REDIS_URL of the services it started; a bare `npx vitest`
 * starts its own FerretDB (and a redis-server if none answers) so the suite runs either way.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const runId = process.env.TEST_RUN_ID ?? randomBytes(4).toString('hex');
  process.env.TEST_RUN_ID = runId;
  const scratch = path.resolve(__dirname, '..', '..', '.tmp', `vitest-${runId}`);
  let ferret: RunningFerretDb | undefined;
  let redisServer: RunningRedis | undefined;
  if (!process.env.MONGODB_URI) {
    ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb') });
    process.env.MONGODB_URI = ferret.uri(`inkwell_test_${runId}`);
  }
  redisServer = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', path.join(scratch, 'redis'));
  process.env.REDIS_URL = redisServer.url;
  process.env.REDIS_KEY_PREFIX ??= `test:${runId}:`;
  process.env.AUTH_SECRET ??= randomBytes(33).toString('base64');
  return async () => {
    await ferret?.stop();
    await redisServer?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
