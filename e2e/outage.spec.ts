import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppServer, type RunningApp } from '../scripts/lib/app-server';
import { startFerretDb, type RunningFerretDb } from '../scripts/lib/ferretdb';
import { freePort } from '../scripts/lib/processes';
import { startRedisServer, type RunningRedis } from '../scripts/lib/redis-server';
import type { Browser } from '@playwright/test';
import { expect, operatorHeaders, randomClientIp, signUpViaApi, test } from './support/fixtures';
import { checkPage } from './support/page-checks';

/**
 * Store outages, against this spec's own Redis and FerretDB (stopped and restarted mid-run) and
 * its own instance: readers keep reading, signed-in people are told sign-in is unavailable,
 * writes are refused with a message and change nothing, and it all recovers without a restart.
 */
test.describe.configure({ mode: 'serial' });

let scratch: string;
let redis: RunningRedis;
let redisPort: number;
let ferret: RunningFerretDb;
let ferretPort: number;
let app: RunningApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-outage-'));
  redisPort = await freePort();
  redis = await startRedisServer({
    port: redisPort,
    dir: path.join(scratch, 'redis'),
    persistent: true,
  });
  ferretPort = await freePort();
  ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb'), port: ferretPort });
  app = await startAppServer({
    port: await freePort(),
    instanceName: 'outage-1',
    env: {
      MONGODB_URI: ferret.uri('inkwell_outage'),
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'outage:',
      TRUST_PROXY: 'loopback',
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await redis?.stop();
  await ferret?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Someone signed up in their own browser context who has published one article. */
async function personWithArticle(browser: Browser, prefix: string, title: string) {
  const context = await browser.newContext({
    baseURL: app.url,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  const page = await context.newPage();
  const headers = { Origin: app.url };
  const { username } = await signUpViaApi(
    page.request,
    app.url,
    `${prefix}_${Date.now().toString(36)}`,
  );
  const draft = (await (
    await page.request.post('/api/articles', { data: { title, body: 'Some words.' }, headers })
  ).json()) as { id: string };
  const published = (await (
    await page.request.post(`/api/articles/${draft.id}/publish`, { data: {}, headers })
  ).json()) as {
    slug: string;
  };
  return { context, page, username, articlePath: `/u/${username}/${published.slug}` };
}

test('Redis goes away and comes back', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page, username, articlePath } = await personWithArticle(
    browser,
    'outage',
    'Written before the outage',
  );
  const origin = { Origin: app.url };
  await page.goto('/');
  await expect(page.getByRole('button', { name: `Account menu for ${username}` })).toBeVisible();

  await redis.stop();

  await test.step('anonymous readers keep reading from MongoDB, quickly', async () => {
    const reader = await browser.newContext({ baseURL: app.url });
    const readerPage = await reader.newPage();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = Date.now();
      const response = await readerPage.goto(articlePath);
      expect(response?.status()).toBe(200);
      await expect(
        readerPage.getByRole('heading', { level: 1, name: 'Written before the outage' }),
      ).toBeVisible();
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect((await readerPage.goto('/'))?.status()).toBe(200);
    await reader.close();
  });

  await test.step('signed-in people see that sign-in is unavailable, not an error', async () => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(
      page.getByRole('status').filter({ hasText: 'Sign-in is temporarily unavailable' }),
    ).toBeVisible();
  });

  await test.step('writes are refused with a message, and nothing is written', async () => {
    const attempt = await page.request.post('/api/articles', {
      data: { title: 'During the outage' },
      headers: origin,
    });
    expect(attempt.status()).toBe(503);
    expect((await attempt.json()).formError).toMatch(/temporarily unavailable|trouble/i);
    const health = await page.request.get('/api/health', { headers: operatorHeaders() });
    expect(health.status()).toBe(503);
    expect((await health.json()).redis.ok).toBe(false);
  });

  await test.step('load balancers keep the instance: it is degraded, not gone', async () => {
    const ready = await page.request.get('/api/health/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'degraded' });
    expect((await page.request.get('/api/health/live')).status()).toBe(200);
  });

  redis = await startRedisServer({
    port: redisPort,
    dir: path.join(scratch, 'redis'),
    persistent: true,
  });

  await test.step('everything recovers within seconds, without a restart', async () => {
    await expect(async () => {
      await page.goto('/');
      await expect(page.getByRole('button', { name: `Account menu for ${username}` })).toBeVisible({
        timeout: 500,
      });
    }).toPass({ timeout: 15_000 });
    expect((await page.request.get('/api/health')).status()).toBe(200);
    expect(await (await page.request.get('/api/health/ready')).json()).toEqual({ status: 'ready' });
    const after = await page.request.post('/api/articles', {
      data: { title: 'After the outage' },
      headers: origin,
    });
    expect(after.status()).toBe(201);
  });
  await context.close();
});

test('MongoDB goes away and comes back', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { context, page, articlePath } = await personWithArticle(
    browser,
    'mongo',
    'Cached before the outage',
  );
  const reader = await browser.newContext({ baseURL: app.url });
  const readerPage = await reader.newPage();
  for (let warm = 0; warm < 2; warm += 1)
    expect((await readerPage.goto(articlePath))?.status()).toBe(200);

  await ferret.stop();

  await test.step('cached pages still serve', async () => {
    const response = await readerPage.goto(articlePath);
    expect(response?.status()).toBe(200);
    await expect(
      readerPage.getByRole('heading', { level: 1, name: 'Cached before the outage' }),
    ).toBeVisible();
  });

  await test.step('pages that need MongoDB answer a friendly 503', async () => {
    await expect(async () => {
      const response = await page.goto('/friends');
      expect(response?.status()).toBe(503);
      expect(response?.headers()['retry-after']).toBe('5');
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'This page is taking a break' })).toBeVisible();
    expect((await page.request.get('/api/health')).status()).toBe(503);
    // Cached pages still serve: load balancers keep sending readers here.
    const ready = await page.request.get('/api/health/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'degraded' });
  });

  await test.step('the error page is accessible and responsive in both themes', async () => {
    expect(await checkPage(page, '/friends', 'error', testInfo)).toBe(
      'Something went wrong · Inkwell',
    );
  });

  ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb'), port: ferretPort });

  await test.step('recovery is automatic', async () => {
    await expect(async () => {
      expect((await page.goto('/friends'))?.status()).toBe(200);
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'Friends', level: 1 })).toBeVisible();
    expect((await page.request.get('/api/health')).status()).toBe(200);
  });
  await reader.close();
  await context.close();
});
