import mongoose from 'mongoose';
import { cacheRedis, durableRedis, type RedisStore } from '@/lib/redis';

/**
 * What is left of a person in the stores, for the deletion tests: per MongoDB collection, how many
 * documents mention any of `needles` (their id, their articles' ids, their username, their
 * e-mail) anywhere in the document; and the Redis keys, on either deployment, whose name does.
 * Every collection is read whole, so one another feature adds is counted without being named.
 */
export interface Traces {
  documents: Record<string, number>;
  redisKeys: string[];
}

async function keysOf(store: RedisStore): Promise<string[]> {
  const match = `${store.prefix}*`;
  const keys: string[] = [];
  if (store.driver.scan) {
    for await (const batch of store.driver.scan(match, 500)) keys.push(...batch);
    return keys.map((key) => key.slice(store.prefix.length));
  }
  let cursor = '0';
  do {
    const [reply] = await store.driver.send([['SCAN', cursor, 'MATCH', match, 'COUNT', 500]]);
    if (!Array.isArray(reply)) break;
    cursor = String(reply[0]);
    const batch = reply[1];
    if (Array.isArray(batch)) keys.push(...batch.map(String));
  } while (cursor !== '0');
  return keys.map((key) => key.slice(store.prefix.length));
}

export async function tracesOf(
  needles: readonly string[],
  options: { ignoreKeys?: RegExp } = {},
): Promise<Traces> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const lowered = needles.map((needle) => needle.toLowerCase());
  const mentions = (text: string) => lowered.some((needle) => text.toLowerCase().includes(needle));
  const documents: Record<string, number> = {};
  for (const { name } of await db.listCollections().toArray()) {
    const rows = await db.collection(name).find({}).toArray();
    const count = rows.filter((row) => mentions(JSON.stringify(row))).length;
    if (count > 0) documents[name] = count;
  }
  const stores =
    cacheRedis() === durableRedis() ? [durableRedis()] : [durableRedis(), cacheRedis()];
  const redisKeys: string[] = [];
  for (const store of stores) {
    for (const key of await keysOf(store)) {
      if (mentions(key) && !options.ignoreKeys?.test(key)) redisKeys.push(key);
    }
  }
  return { documents, redisKeys: redisKeys.sort() };
}
