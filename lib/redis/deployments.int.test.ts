import { afterAll, describe, expect, it } from 'vitest';
import { readThrough } from '@/lib/cache/cache-aside';
import { resetEnvForTests } from '@/lib/config/env';
import { getHealth, getReadiness } from '@/lib/health/get-health';
import { RATE_LIMITS, hitRateLimit } from '@/lib/rate-limit/rate-limit';
import { createSession, readSession } from '@/lib/sessions/session-store';
import { deleteTestRedisKeys, setUpTestStores } from '@/lib/testing/stores';
import { forgetGlobalSingleton } from '@/lib/util/global-singleton';
import {
  cacheRedis,
  cacheRedisIsSeparate,
  durableRedis,
  isRedisUnavailable,
  RedisStore,
  sendToBoth,
} from '.';

setUpTestStores();

const client = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ip: '203.0.113.9' };

/** Uses `url` as the cache Redis from now on (a fresh store), or none when undefined. */
async function useCacheRedis(url: string | undefined): Promise<void> {
  const previous = forgetGlobalSingleton('cacheRedis');
  if (previous instanceof RedisStore) await previous.driver.close();
  if (url === undefined) delete process.env.CACHE_REDIS_URL;
  else process.env.CACHE_REDIS_URL = url;
  resetEnvForTests();
}

/** The same Redis server as the durable store, but another logical database: a second deployment. */
function secondDatabaseUrl(): string {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  url.pathname = '/1';
  return url.toString();
}

afterAll(async () => {
  await useCacheRedis(undefined);
});

describe('one Redis deployment (CACHE_REDIS_URL unset)', () => {
  it('the cache store is the durable store itself', async () => {
    await useCacheRedis(undefined);
    expect(cacheRedis()).toBe(durableRedis());
    expect(cacheRedisIsSeparate()).toBe(false);
    const health = await getHealth();
    expect(health.cacheRedis).toBeUndefined();
    expect(health.redis.ok).toBe(true);
  });

  it('cache and durable commands still go out in one pipeline', async () => {
    await useCacheRedis(undefined);
    const store = durableRedis();
    const sent: number[] = [];
    const send = store.driver.send.bind(store.driver);
    store.driver.send = (commands) => {
      sent.push(commands.length);
      return send(commands);
    };
    try {
      await sendToBoth(
        [cacheRedis().cmd.set('deploy:cached', 'c')],
        [durableRedis().cmd.set('deploy:durable', 'd')],
      );
    } finally {
      store.driver.send = send;
    }
    expect(sent).toEqual([2]);
  });
});

describe('a cache Redis of its own (CACHE_REDIS_URL set)', () => {
  it('keeps sessions and limits on the durable Redis, cached objects on the cache Redis', async () => {
    await useCacheRedis(secondDatabaseUrl());
    try {
      const durable = durableRedis();
      const cache = cacheRedis();
      expect(cache).not.toBe(durable);
      expect(cacheRedisIsSeparate()).toBe(true);

      const session = await createSession('user-deploy', client);
      await hitRateLimit(RATE_LIMITS.signInPerIp, '203.0.113.9');
      const key = `deploy:object:${Date.now()}`;
      expect(
        await readThrough({ kind: 'user', key, ttlSeconds: 60, load: async () => 'from mongo' }),
      ).toBe('from mongo');

      expect(await cache.one(cache.cmd.get(key))).toBe(JSON.stringify('from mongo'));
      expect(await durable.one(durable.cmd.get(key))).toBeNull();

      // Emptying the cache deployment (what eviction may do) signs nobody out.
      await cache.deleteAllWithPrefix();
      expect((await readSession(session.id))?.userId).toBe('user-deploy');
    } finally {
      await deleteTestRedisKeys();
    }
  });

  it('refuses a pipeline that mixes the two stores’ commands', async () => {
    await useCacheRedis(secondDatabaseUrl());
    try {
      const durable = durableRedis();
      const cache = cacheRedis();
      await expect(
        durable.all([durable.cmd.set('deploy:a', '1'), cache.cmd.set('deploy:b', '1')]),
      ).rejects.toThrow(/mixes commands of the durable and the cache store/);
      await sendToBoth([cache.cmd.set('deploy:b', 'c')], [durable.cmd.set('deploy:a', 'd')]);
      expect(await cache.one(cache.cmd.get('deploy:b'))).toBe('c');
      expect(await durable.one(durable.cmd.get('deploy:b'))).toBeNull();
      expect(await durable.one(durable.cmd.get('deploy:a'))).toBe('d');
    } finally {
      await deleteTestRedisKeys();
    }
  });

  it('health reports both; a cache Redis that is down degrades readiness', async () => {
    await useCacheRedis(secondDatabaseUrl());
    const health = await getHealth();
    expect(health.redis.ok).toBe(true);
    expect(health.cacheRedis?.ok).toBe(true);
    expect(health.status).toBe('ok');
    expect(await getReadiness()).toBe('ready');

    await useCacheRedis('redis://127.0.0.1:1');
    const down = await getHealth();
    expect(down.redis.ok).toBe(true);
    expect(down.cacheRedis?.ok).toBe(false);
    expect(down.status).toBe('unavailable');
    expect(await getReadiness()).toBe('degraded');
  });
});

describe('a full durable Redis (maxmemory-policy noeviction)', () => {
  it('its refusal (OOM) reaches callers as Redis unavailable, which they answer with 503', async () => {
    const full = new RedisStore(
      {
        name: 'tcp',
        send: async (commands) =>
          commands.map(() => new Error("OOM command not allowed when used memory > 'maxmemory'.")),
        getBytes: async () => null,
        close: async () => undefined,
      },
      'full:',
    );
    const refused = await full.one(full.cmd.set('session:x', '1')).catch((error: unknown) => error);
    expect(isRedisUnavailable(refused)).toBe(true);
    expect(String(refused)).toMatch(/Redis is full: OOM/);
  });
});
