import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { startAppServer, type RunningApp } from '../scripts/lib/app-server';
import { freePort } from '../scripts/lib/processes';
import { startRedisCluster, type RunningRedisCluster } from '../scripts/lib/redis-cluster';
import {
  expect,
  operatorHeaders,
  randomClientIp,
  signUpViaApi,
  test,
  type TestAccount,
} from './support/fixtures';

/**
 * The app on a real Redis Cluster (three masters, no other Redis): sessions, friendships, the
 * fan-out to streams, cached objects and the page cache all work, so every multi-key command,
 * script and pipeline stays within one hash slot (a CROSSSLOT error would answer 500 here).
 */
test.describe.configure({ mode: 'serial' });

let scratch: string;
let cluster: RunningRedisCluster;
let app: RunningApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-cluster-'));
  cluster = await startRedisCluster({ dir: scratch });
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_cluster`;
  app = await startAppServer({
    port: await freePort(),
    instanceName: 'cluster-1',
    env: {
      MONGODB_URI: uri.toString(),
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_CLUSTER_NODES: cluster.nodes.join(','),
      REDIS_KEY_PREFIX: 'cluster:',
      TRUST_PROXY: 'loopback',
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function timing(response: APIResponse, name: string): string | undefined {
  const header = response.headers()['server-timing'] ?? '';
  const entry = header.split(',').find((part) => part.trim().startsWith(`${name};`));
  return /desc="([^"]*)"/.exec(entry ?? '')?.[1];
}

async function person(playwright: {
  request: { newContext: (options: object) => Promise<APIRequestContext> };
}): Promise<{ context: APIRequestContext; account: TestAccount }> {
  const context = await playwright.request.newContext({
    baseURL: app.url,
    extraHTTPHeaders: {
      'X-Forwarded-For': randomClientIp(),
      Origin: app.url,
      ...operatorHeaders(),
    },
  });
  return { context, account: await signUpViaApi(context, app.url) };
}

test('sessions, friends, fan-out and the page cache on a Redis Cluster', async ({ playwright }) => {
  test.setTimeout(120_000);
  const health = await (
    await fetch(`${app.url}/api/health`, { headers: operatorHeaders() })
  ).json();
  expect(health).toMatchObject({ status: 'ok', redis: { ok: true, driver: 'cluster' } });

  const [writer, friend] = [await person(playwright), await person(playwright)];
  const requested = await writer.context.post('/api/relationships', {
    data: { username: friend.account.username, action: 'request' },
  });
  expect(requested.status(), await requested.text()).toBeLessThan(300);
  const accepted = await friend.context.post('/api/relationships', {
    data: { username: writer.account.username, action: 'accept' },
  });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);

  const draft = (await (
    await writer.context.post('/api/articles', {
      data: { title: 'Across the slots', body: 'Spread over three masters.', tags: 'cluster' },
    })
  ).json()) as { id: string };
  const published = await writer.context.post(`/api/articles/${draft.id}/publish`, { data: {} });
  expect(published.status(), await published.text()).toBe(200);
  const { slug } = (await published.json()) as { slug: string };

  // The fan-out job delivered it to the friend's stream; their home is kept per person.
  await expect
    .poll(async () => (await friend.context.get('/')).text(), { timeout: 20_000 })
    .toContain('Across the slots');
  await expect.poll(async () => timing(await friend.context.get('/'), 'cache-page')).toBe('hit');

  // Everyone else's view of the article is one cached page, then a like changes it.
  const reader = await playwright.request.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), ...operatorHeaders() },
  });
  const articleUrl = `${app.url}/u/${writer.account.username.toLowerCase()}/${slug}`;
  await expect.poll(async () => timing(await reader.get(articleUrl), 'cache-page')).toBe('hit');
  const liked = await friend.context.put(`/api/articles/${draft.id}/like`, {
    data: { liked: true },
  });
  expect(liked.status(), await liked.text()).toBeLessThan(300);
  await expect.poll(async () => (await reader.get(articleUrl)).text()).toContain('1 like');

  // The sessions live in the cluster: a page that needs the writer still knows them.
  const sessions = await writer.context.get('/settings');
  expect(sessions.status()).toBe(200);
  expect(await sessions.text()).toContain(`Account menu for ${writer.account.username}`);
  await Promise.all([writer.context.dispose(), friend.context.dispose(), reader.dispose()]);
});
