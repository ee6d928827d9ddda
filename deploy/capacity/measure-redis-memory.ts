/**
 * Measures what Inkwell keeps in Redis per person and per article, for docs/capacity.md: starts a
 * FerretDB of its own, creates the demo people, friendships and articles through the domain
 * operations, reads their streams, articles and profiles (filling the caches as a visit would),
 * opens a session, then asks Redis for MEMORY USAGE of every key under a fresh prefix, grouped by
 * kind. It also measures a full stream index (STREAM_CAPACITY entries of the real member shape).
 *
 *   npx tsx --conditions=react-server deploy/capacity/measure-redis-memory.ts
 *   (uses REDIS_URL, else 127.0.0.1:6379; every key it writes is under a fresh prefix, deleted)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { startFerretDb } from '../../scripts/lib/ferretdb';

const prefix = `capacity:${randomBytes(4).toString('hex')}:`;

/** A key with its ids, tokens, hash tags and free text replaced, so keys group by kind. */
function kindOf(key: string): string {
  return key
    .slice(prefix.length)
    .replace(/[a-f0-9]{24}/g, '<id>')
    .replace(/[\w-]{40,}/g, '<token>')
    .replace(/^(article-slug|username):.*$/, '$1:<text>')
    .replace(/\d{10,}/g, '<n>')
    .replace(/\{([a-z-]*)[^}]*\}/g, (_tag, name: string) => `{${name || '<n>'}…}`);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-capacity-'));
  const ferret = await startFerretDb({ dataDir: scratch });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  Object.assign(process.env, {
    MONGODB_URI: ferret.uri('inkwell_capacity'),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    AUTH_SECRET: randomBytes(33).toString('base64'),
    INNGEST_SIGNING_KEY: randomBytes(32).toString('hex'),
  });
  const raw = new Redis(redisUrl);
  try {
    // Loaded after the environment is set: the modules read it on first use.
    const { ensureIndexes } = await import('../../lib/db/connection');
    const { seedDemoData } = await import('../../lib/demo/seed-demo-data');
    const { localExecutor } = await import('../../jobs/runtime');
    const { UserModel } = await import('../../lib/users/user-model');
    const { ArticleModel } = await import('../../lib/articles/models');
    const { getArticleViews } = await import('../../lib/articles/cache');
    const { readStream } = await import('../../lib/activity/read-stream');
    const { getUsersByIds } = await import('../../lib/users/cache');
    const { createSession } = await import('../../lib/sessions/session-store');
    const { STREAM_CAPACITY } = await import('../../lib/activity/cache');

    await ensureIndexes();
    // The demo's events run in this process.
    localExecutor();
    await seedDemoData();
    const users = (await UserModel.find({}, { _id: 1 }).lean()).map((row) => row._id.toString());
    const articles = (await ArticleModel.find({}, { _id: 1 }).lean()).map((row) =>
      row._id.toString(),
    );
    await getUsersByIds(users);
    await getArticleViews(articles);
    for (const user of users) await readStream(user);
    await createSession(users[0] as string, {
      // A typical desktop browser's User-Agent and an IPv4 address.
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      ip: '203.0.113.7',
    });

    // A full stream index: members are 24-hex activity ids or likes:<article id>, scored by ms.
    const fullStream = `${prefix}measure:full-stream`;
    const now = Date.now();
    const members: (string | number)[] = [];
    for (let entry = 0; entry < STREAM_CAPACITY; entry += 1)
      members.push(now - entry * 60_000, randomBytes(12).toString('hex'));
    await raw.zadd(fullStream, 0, '_', ...members);
    // A typical stream (40 entries: small sorted sets are stored compactly up to 128).
    await raw.zadd(`${prefix}measure:stream-40`, 0, '_', ...members.slice(0, 80));
    // A typical person's friend set (100 ids), a star's (5,000), and a stamp shard holding
    // 10,000 recent changes.
    const friendIds: string[] = [];
    for (let friend = 0; friend < 5_000; friend += 1)
      friendIds.push(randomBytes(12).toString('hex'));
    await raw.sadd(`${prefix}measure:friends-100`, ...friendIds.slice(0, 100));
    await raw.sadd(`${prefix}measure:friends-5000`, ...friendIds);
    const stampFields: (string | number)[] = [];
    for (let change = 0; change < 10_000; change += 1)
      stampFields.push(`article:${randomBytes(12).toString('hex')}`, now - change);
    await raw.hset(`${prefix}measure:stamps-10000`, ...stampFields);

    const totals = new Map<string, { keys: number; bytes: number; max: number }>();
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const bytes = Number(await raw.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
        const kind = kindOf(key);
        const total = totals.get(kind) ?? { keys: 0, bytes: 0, max: 0 };
        totals.set(kind, {
          keys: total.keys + 1,
          bytes: total.bytes + bytes,
          max: Math.max(total.max, bytes),
        });
      }
    } while (cursor !== '0');
    console.log(`${users.length} people, ${articles.length} articles; MEMORY USAGE per key kind:`);
    console.log('kind'.padEnd(34), 'keys'.padStart(5), 'avg B'.padStart(8), 'max B'.padStart(8));
    for (const [kind, total] of [...totals.entries()].sort()) {
      console.log(
        kind.padEnd(34),
        String(total.keys).padStart(5),
        String(Math.round(total.bytes / total.keys)).padStart(8),
        String(total.max).padStart(8),
      );
    }
    const { disconnectDb } = await import('../../lib/db/connection');
    await disconnectDb();
  } finally {
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await raw.del(...keys);
    } while (cursor !== '0');
    raw.disconnect();
    await ferret.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
