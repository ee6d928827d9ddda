import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startUpstashBridge, type UpstashBridge } from '@/lib/testing/upstash-bridge';
import { startRedisCluster, type RunningRedisCluster } from '@/scripts/lib/redis-cluster';
import { createClusterDriver } from './cluster-driver';
import { RedisStore } from './store';
import { createTcpDriver } from './tcp-driver';
import { RedisReplyError } from './types';
import { createUpstashDriver } from './upstash-driver';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const basePrefix = process.env.REDIS_KEY_PREFIX ?? 'test:';

let bridge: UpstashBridge;
let cluster: RunningRedisCluster;
const clusterDir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-contract-cluster-'));
beforeAll(async () => {
  [bridge, cluster] = await Promise.all([
    startUpstashBridge(redisUrl),
    startRedisCluster({ dir: clusterDir }),
  ]);
});
afterAll(async () => {
  await Promise.all([bridge.close(), cluster.stop()]);
  rmSync(clusterDir, { recursive: true, force: true });
});

const drivers = {
  tcp: () => createTcpDriver({ url: redisUrl }),
  upstash: () => createUpstashDriver({ url: bridge.url, token: bridge.token }),
  // A real three-master Redis Cluster: a CROSSSLOT error anywhere fails the contract.
  cluster: () => createClusterDriver({ nodes: cluster.nodes }),
};

describe.each(Object.keys(drivers) as (keyof typeof drivers)[])(
  'RedisStore over the %s driver',
  (name) => {
    let store: RedisStore;
    beforeAll(() => {
      store = new RedisStore(
        drivers[name](),
        `${basePrefix}contract-${name}-${randomBytes(3).toString('hex')}:`,
      );
    });
    afterAll(async () => {
      await store.deleteAllWithPrefix();
      await store.driver.close();
    });

    it('reads and writes strings with a TTL and only-if-absent', async () => {
      const { cmd } = store;
      expect(await store.one(cmd.get('missing'))).toBeNull();
      expect(await store.one(cmd.set('greeting', 'héllo wörld ✓', { ttlSeconds: 60 }))).toBe(true);
      expect(await store.one(cmd.get('greeting'))).toBe('héllo wörld ✓');
      const ttl = await store.one(cmd.ttl('greeting'));
      expect(ttl).toBeGreaterThan(50);
      expect(ttl).toBeLessThanOrEqual(60);
      expect(await store.one(cmd.set('greeting', 'other', { onlyIfAbsent: true }))).toBe(false);
      expect(await store.one(cmd.get('greeting'))).toBe('héllo wörld ✓');
      expect(await store.one(cmd.incrBy('counter', 5))).toBe(5);
      expect(await store.one(cmd.incrBy('counter'))).toBe(6);
      expect(await store.one(cmd.del('greeting'))).toBe(1);
      expect(await store.one(cmd.exists('greeting'))).toBe(false);
      await store.one(cmd.set('once', 'ticket'));
      expect(await store.one(cmd.getdel('once'))).toBe('ticket');
      expect(await store.one(cmd.getdel('once'))).toBeNull();
    });

    it('reads a value as its raw bytes', async () => {
      const value = '{"a":1}\u0000<p>héllo ✓</p>';
      await store.one(store.cmd.set('bytes', value));
      expect((await store.getBytes('bytes'))?.equals(Buffer.from(value, 'utf8'))).toBe(true);
      expect(await store.getBytes('no-such-bytes')).toBeNull();
    });

    it('keeps hashes', async () => {
      const { cmd } = store;
      expect(await store.one(cmd.hset('user:1', { name: 'Ada', visits: 1 }))).toBe(2);
      expect(await store.one(cmd.hincrBy('user:1', 'visits', 2))).toBe(3);
      expect(await store.one(cmd.hget('user:1', 'name'))).toBe('Ada');
      expect(await store.one(cmd.hgetall('user:1'))).toEqual({ name: 'Ada', visits: '3' });
      expect(await store.one(cmd.hmget('user:1', ['name', 'none', 'visits']))).toEqual([
        'Ada',
        null,
        '3',
      ]);
      expect(await store.one(cmd.hdel('user:1', 'visits'))).toBe(1);
      expect(await store.one(cmd.hgetall('nothing'))).toEqual({});
      const many = Object.fromEntries(
        Array.from({ length: 300 }, (_, index) => [`f${index}`, index]),
      );
      await store.one(cmd.hset('wide', many));
      const seen: Record<string, string> = {};
      let cursor = '0';
      do {
        const page = await store.one(cmd.hscan('wide', cursor, 100));
        Object.assign(seen, page.fields);
        cursor = page.cursor;
      } while (cursor !== '0');
      expect(Object.keys(seen)).toHaveLength(300);
      expect(seen.f299).toBe('299');
    });

    it('keeps sets', async () => {
      const { cmd } = store;
      expect(await store.one(cmd.sadd('friends:1', ['2', '3', '4']))).toBe(3);
      expect(await store.one(cmd.sadd('friends:1', ['4']))).toBe(0);
      expect((await store.one(cmd.smembers('friends:1'))).sort()).toEqual(['2', '3', '4']);
      expect(await store.one(cmd.sismember('friends:1', '3'))).toBe(true);
      expect(await store.one(cmd.smismember('friends:1', ['2', '9']))).toEqual([true, false]);
      expect(await store.one(cmd.srem('friends:1', ['3']))).toBe(1);
      expect(await store.one(cmd.scard('friends:1'))).toBe(2);
    });

    it('keeps capped sorted sets, newest first with score cursors', async () => {
      const { cmd } = store;
      const entries = Array.from({ length: 10 }, (_, index) => ({
        member: `a${index}`,
        score: 1000 + index,
      }));
      expect(await store.one(cmd.zadd('stream:1', entries))).toBe(10);
      expect(await store.one(cmd.zadd('stream:1', [{ member: 'a9', score: 1009 }]))).toBe(0);
      expect(await store.one(cmd.ztrimToNewest('stream:1', 6))).toBe(4);
      expect(await store.one(cmd.zcard('stream:1'))).toBe(6);
      const firstPage = await store.one(
        cmd.zrevrangeByScore('stream:1', '+inf', '-inf', { offset: 0, count: 3 }),
      );
      expect(firstPage).toEqual([
        { member: 'a9', score: 1009 },
        { member: 'a8', score: 1008 },
        { member: 'a7', score: 1007 },
      ]);
      const nextPage = await store.one(
        cmd.zrevrangeByScore('stream:1', '(1007', '-inf', { offset: 0, count: 3 }),
      );
      expect(nextPage.map((entry) => entry.member)).toEqual(['a6', 'a5', 'a4']);
      expect(await store.one(cmd.zscore('stream:1', 'a5'))).toBe(1005);
      expect(await store.one(cmd.zscore('stream:1', 'a0'))).toBeNull();
      expect(await store.one(cmd.zmscore('stream:1', ['a5', 'a0']))).toEqual([1005, null]);
      expect(await store.one(cmd.zrem('stream:1', ['a5']))).toBe(1);
    });

    it('sends a batch in one round trip and returns replies in order', async () => {
      const { cmd } = store;
      const [set, got, added, members] = await store.all([
        cmd.set('batch:a', '1'),
        cmd.get('batch:a'),
        cmd.sadd('batch:s', ['x', 'y']),
        cmd.smembers('batch:s'),
      ]);
      expect(set).toBe(true);
      expect(got).toBe('1');
      expect(added).toBe(2);
      expect(members.sort()).toEqual(['x', 'y']);
    });

    it('counts rate-limit hits atomically in a window', async () => {
      const { cmd } = store;
      const hits = await Promise.all(
        Array.from({ length: 5 }, () => store.one(cmd.rateLimitHit('limit:ip', 10_000))),
      );
      expect(hits.map((hit) => hit.count).sort()).toEqual([1, 2, 3, 4, 5]);
      for (const hit of hits) {
        expect(hit.resetInMs).toBeGreaterThan(0);
        expect(hit.resetInMs).toBeLessThanOrEqual(10_000);
      }
    });

    it('runs scripts by hash, and sends the text once when Redis does not know them', async () => {
      await store.driver.send([['SCRIPT', 'FLUSH']]);
      const echo = (value: string) =>
        store.cmd.script(
          "return ARGV[1] .. redis.call('GET', KEYS[1])",
          ['script:key'],
          [value],
          String,
        );
      await store.one(store.cmd.set('script:key', '!'));
      expect(await store.all([echo('a'), echo('b')])).toEqual(['a!', 'b!']);
      expect(await store.one(echo('c'))).toBe('c!');
      const [loaded] = await store.driver.send([
        ['SCRIPT', 'EXISTS', echo('x').command[1] as string],
      ]);
      expect(loaded).toEqual([1]);
    });

    it('raises a reply error for a wrong command without breaking the connection', async () => {
      const { cmd } = store;
      await store.one(cmd.set('plain', 'text'));
      await expect(store.one(cmd.sadd('plain', ['x']))).rejects.toBeInstanceOf(RedisReplyError);
      expect(await store.one(cmd.get('plain'))).toBe('text');
    });

    it('sends the reads of one moment together, each caller getting its own replies and errors', async () => {
      const { cmd } = store;
      await store.all([cmd.set('together:a', 'A'), cmd.set('together:plain', 'p')] as const);
      const sends = vi.spyOn(store.driver, 'send');
      try {
        const [first, second, wrong] = await Promise.allSettled([
          store.allTogether([cmd.get('together:a'), cmd.get('together:none')] as const),
          store.allTogether([cmd.get('together:plain')] as const),
          // A command another caller got wrong fails that caller alone.
          store.allTogether([cmd.sadd('together:plain', ['x'])] as const),
        ]);
        expect(first).toEqual({ status: 'fulfilled', value: ['A', null] });
        expect(second).toEqual({ status: 'fulfilled', value: ['p'] });
        expect(wrong.status === 'rejected' && wrong.reason).toBeInstanceOf(RedisReplyError);
        expect(sends).toHaveBeenCalledTimes(1);
      } finally {
        sends.mockRestore();
      }
    });

    it('keeps every key under its prefix', async () => {
      const { cmd } = store;
      await store.one(cmd.set('prefixed', '1'));
      const other = new RedisStore(drivers[name](), `${store.prefix}other:`);
      expect(await other.one(other.cmd.get('prefixed'))).toBeNull();
      await other.driver.close();
      expect(store.key('prefixed')).toBe(`${store.prefix}prefixed`);
    });
  },
);

describe('the Upstash bridge', () => {
  it('received what @upstash/redis really sends: single commands, /pipeline and base64', () => {
    const paths = new Set(bridge.received.map((request) => request.path));
    expect(paths).toContain('/');
    expect(paths).toContain('/pipeline');
    expect(bridge.received.every((request) => request.encoding === 'base64')).toBe(true);
    const pipeline = bridge.received.find((request) => request.path === '/pipeline');
    expect(Array.isArray(pipeline?.body)).toBe(true);
  });
});
