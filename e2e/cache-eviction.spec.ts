import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import type { APIRequestContext } from '@playwright/test';
import { startAppServer, type RunningApp } from '../scripts/lib/app-server';
import { freePort } from '../scripts/lib/processes';
import { startRedisServer, type RunningRedis } from '../scripts/lib/redis-server';
import {
  expect,
  operatorHeaders,
  randomClientIp,
  signUpViaApi,
  test,
  type TestAccount,
} from './support/fixtures';

/**
 * Durable data and cached data on two Redis deployments, as production runs them: the durable
 * one with `noeviction`, the cache one small (2 MB) with `allkeys-lru`. Filling the cache far past
 * its memory evicts cached objects, sets, stamps and pages, and must never sign anyone out or
 * break a page: sessions live on the durable Redis, and every evicted object is rebuilt from
 * MongoDB.
 */
test.describe.configure({ mode: 'serial' });

const PREFIX = 'eviction:';
const CACHE_MAXMEMORY_BYTES = 2 * 1024 * 1024;
const FILLER_BYTES = 4 * 1024;

let scratch: string;
let durable: RunningRedis;
let cache: RunningRedis;
let durableClient: IORedis;
let cacheClient: IORedis;
let app: RunningApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-eviction-'));
  durable = await startRedisServer({ port: await freePort(), dir: path.join(scratch, 'durable') });
  cache = await startRedisServer({ port: await freePort(), dir: path.join(scratch, 'cache') });
  durableClient = new IORedis(durable.url, { maxRetriesPerRequest: 1 });
  cacheClient = new IORedis(cache.url, { maxRetriesPerRequest: 1 });
  await durableClient.config('SET', 'maxmemory-policy', 'noeviction');
  await cacheClient.config('SET', 'maxmemory', String(CACHE_MAXMEMORY_BYTES));
  await cacheClient.config('SET', 'maxmemory-policy', 'allkeys-lru');
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_eviction`;
  app = await startAppServer({
    port: await freePort(),
    instanceName: 'eviction-1',
    env: {
      MONGODB_URI: uri.toString(),
      REDIS_URL: durable.url,
      CACHE_REDIS_URL: cache.url,
      REDIS_KEY_PREFIX: PREFIX,
      TRUST_PROXY: 'loopback',
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  durableClient?.disconnect();
  cacheClient?.disconnect();
  await durable?.stop();
  await cache?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function infoField(client: IORedis, section: string, field: string): Promise<number> {
  const info = await client.info(section);
  const line = info.split('\r\n').find((entry) => entry.startsWith(`${field}:`));
  return Number(line?.split(':')[1] ?? Number.NaN);
}

/** Keys under the app's prefix that the app wrote (not our filler). */
async function appKeys(client: IORedis): Promise<string[]> {
  const keys = await client.keys(`${PREFIX}*`);
  return keys.filter((key) => !key.startsWith(`${PREFIX}filler:`));
}

/** Writes `megabytes` of filler under the app's prefix: far more than the cache Redis may hold. */
async function fillCache(round: number, megabytes: number): Promise<void> {
  const value = 'x'.repeat(FILLER_BYTES);
  const count = Math.ceil((megabytes * 1024 * 1024) / FILLER_BYTES);
  for (let start = 0; start < count; start += 500) {
    const pipeline = cacheClient.pipeline();
    for (let index = start; index < Math.min(count, start + 500); index += 1)
      pipeline.set(`${PREFIX}filler:${round}:${index}`, value);
    const replies = (await pipeline.exec()) ?? [];
    // allkeys-lru makes room for every write: none is refused.
    expect(replies.every(([error]) => error === null)).toBe(true);
  }
}

interface Person {
  context: APIRequestContext;
  account: TestAccount;
}

async function person(playwright: {
  request: { newContext: (options: object) => Promise<APIRequestContext> };
}): Promise<Person> {
  const context = await playwright.request.newContext({
    baseURL: app.url,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: app.url },
  });
  return { context, account: await signUpViaApi(context, app.url) };
}

async function expectSignedIn({ context, account }: Person): Promise<void> {
  const settings = await context.get('/settings', { maxRedirects: 0 });
  expect(settings.status()).toBe(200);
  const html = await settings.text();
  expect(html).toContain(`Account menu for ${account.username}`);
  expect(html).not.toContain('Sign-in is temporarily unavailable');
}

test('filling the cache Redis evicts cached data, never a session', async ({ playwright }) => {
  test.setTimeout(180_000);
  const health = await (
    await fetch(`${app.url}/api/health`, { headers: operatorHeaders() })
  ).json();
  expect(health).toMatchObject({ status: 'ok', redis: { ok: true }, cacheRedis: { ok: true } });

  const people: Person[] = [];
  for (let index = 0; index < 5; index += 1) people.push(await person(playwright));
  const [writer, liker] = people as [Person, Person];
  const draft = (await (
    await writer.context.post('/api/articles', {
      data: { title: 'Kept in MongoDB', body: 'Rebuilt after every eviction.', tags: 'eviction' },
    })
  ).json()) as { id: string };
  const published = await writer.context.post(`/api/articles/${draft.id}/publish`, { data: {} });
  expect(published.status(), await published.text()).toBe(200);
  const { slug } = (await published.json()) as { slug: string };

  const reader = await playwright.request.newContext({
    baseURL: app.url,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  const profilePath = `/u/${writer.account.username.toLowerCase()}`;
  const articlePath = `${profilePath}/${slug}`;
  const expectPagesCorrect = async (likes: string | null) => {
    const article = await reader.get(articlePath);
    expect(article.status()).toBe(200);
    const html = await article.text();
    expect(html).toContain('Kept in MongoDB');
    expect(html).toContain('Rebuilt after every eviction.');
    if (likes) expect(html).toContain(likes);
    const profile = await reader.get(profilePath);
    expect(profile.status()).toBe(200);
    expect(await profile.text()).toContain('Kept in MongoDB');
    for (const { context } of people) expect((await context.get('/')).status()).toBe(200);
  };

  // Warm: cached objects, sets, stamps and whole pages are in the cache Redis.
  await expectPagesCorrect(null);
  for (const someone of people) await expectSignedIn(someone);
  const cachedBefore = await appKeys(cacheClient);
  expect(cachedBefore.some((key) => key.includes(':page:'))).toBe(true);
  const sessions = await durableClient.keys(`${PREFIX}session:*`);
  expect(sessions.length).toBeGreaterThanOrEqual(people.length);

  for (let round = 0; round < 3; round += 1) {
    await test.step(`round ${round + 1}: fill the cache Redis with 8 MB`, async () => {
      await fillCache(round, 8);
      expect(await infoField(cacheClient, 'stats', 'evicted_keys')).toBeGreaterThan(0);
      expect(await infoField(cacheClient, 'memory', 'used_memory')).toBeLessThan(
        CACHE_MAXMEMORY_BYTES * 1.5,
      );
    });

    await test.step('nobody is signed out', async () => {
      for (const someone of people) await expectSignedIn(someone);
      expect(await durableClient.exists(...sessions)).toBe(sessions.length);
      expect(await infoField(durableClient, 'stats', 'evicted_keys')).toBe(0);
    });

    await test.step('pages rebuild from MongoDB, and changes still show', async () => {
      if (round === 0) {
        // What the app cached before the fill was evicted (least recently used).
        const left = await appKeys(cacheClient);
        expect(left.length).toBeLessThan(cachedBefore.length);
        await expectPagesCorrect(null);
        const liked = await liker.context.put(`/api/articles/${draft.id}/like`, {
          data: { liked: true },
        });
        expect(liked.status(), await liked.text()).toBeLessThan(300);
      }
      await expect.poll(async () => (await reader.get(articlePath)).text()).toContain('1 like');
      await expectPagesCorrect('1 like');
    });
  }
  await Promise.all([...people.map(({ context }) => context.dispose()), reader.dispose()]);
});

function timing(response: { headers(): Record<string, string> }, name: string): string | undefined {
  const header = response.headers()['server-timing'] ?? '';
  const entry = header.split(',').find((part) => part.trim().startsWith(`${name};`));
  return /desc="([^"]*)"/.exec(entry ?? '')?.[1];
}

test('a cached page whose change stamps were evicted is rendered again', async ({ playwright }) => {
  test.setTimeout(120_000);
  const [writer, liker] = [await person(playwright), await person(playwright)];
  const draft = (await (
    await writer.context.post('/api/articles', {
      data: { title: 'Stamped then evicted', body: 'Liked once.' },
    })
  ).json()) as { id: string };
  const published = await writer.context.post(`/api/articles/${draft.id}/publish`, { data: {} });
  expect(published.status(), await published.text()).toBe(200);
  const { slug } = (await published.json()) as { slug: string };
  const reader = await playwright.request.newContext({
    baseURL: app.url,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), ...operatorHeaders() },
  });
  const articlePath = `/u/${writer.account.username.toLowerCase()}/${slug}`;
  await expect.poll(async () => timing(await reader.get(articlePath), 'cache-page')).toBe('hit');
  expect(await (await reader.get(articlePath)).text()).not.toContain('1 like');

  const liked = await liker.context.put(`/api/articles/${draft.id}/like`, {
    data: { liked: true },
  });
  expect(liked.status(), await liked.text()).toBeLessThan(300);
  // The cache Redis evicts the stamp hashes that recorded the like, and keeps the page.
  const stampHashes = await cacheClient.keys(`${PREFIX}{stamps:*`);
  expect(stampHashes.length).toBeGreaterThan(0);
  await cacheClient.del(...stampHashes);
  expect(await cacheClient.keys(`${PREFIX}page:*`)).not.toHaveLength(0);

  const after = await reader.get(articlePath);
  expect(timing(after, 'cache-page')).toBe('miss');
  expect(await after.text()).toContain('1 like');
  await Promise.all([writer.context.dispose(), liker.context.dispose(), reader.dispose()]);
});
