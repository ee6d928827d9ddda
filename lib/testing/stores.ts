import mongoose from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { connectDb, disconnectDb, ensureIndexes } from '@/lib/db/connection';
import { jobsIdle } from '@/lib/jobs/runtime';
import { cacheRedis, durableRedis } from '@/lib/redis';

/**
 * For an integration test file: connect to its worker's database with every index before the
 * tests; afterwards let the jobs they started finish, then drop the database and the worker's
 * Redis keys (on both deployments when the cache has its own), so no file sees another's data.
 */
export function setUpTestStores(): void {
  beforeAll(async () => {
    await connectDb();
    await ensureIndexes();
  });
  afterAll(async () => {
    await jobsIdle();
    await mongoose.connection.db?.dropDatabase();
    await deleteTestRedisKeys();
    await disconnectDb();
  });
}

/** Deletes the worker's keys on the durable Redis and, when it is its own deployment, the cache's. */
export async function deleteTestRedisKeys(): Promise<void> {
  await durableRedis().deleteAllWithPrefix();
  if (cacheRedis() !== durableRedis()) await cacheRedis().deleteAllWithPrefix();
}
