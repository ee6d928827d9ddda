import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
let app: RunningApp | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-cluster-'));
  cluster = await startRedisCluster({ dir: scratch });
});

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

test.afterAll(async () => {
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** One instance on its own database and key prefix, with `redisEnv` choosing the deployments. */
async function startInstance(
  name: string,
  keyPrefix: string,
  redisEnv: Record<string, string>,
): Promise<RunningApp> {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_${name}`;
  return startAppServer({
    port: await freePort(),
    instanceName: `${name}-1`,
    env: {
      MONGODB_URI: uri.toString(),
      REDIS_KEY_PREFIX: keyPrefix,
      TRUST_PROXY: 'loopback',
      ...redisEnv,
    },
  });
}

/** Keys under `prefix` on one Redis node (the single test Redis, or one master of the cluster). */
function keysOn(node: string, prefix: string): string[] {
  const [host, port] = node.split(':') as [string, string];
  return execFileSync('redis-cli', ['-h', host, '-p', port, '--scan', '--pattern', `${prefix}*`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

function timing(response: APIResponse, name: string): string | undefined {
  const header = response.headers()['server-timing'] ?? '';
  const entry = header.split(',').find((part) => part.trim().startsWith(`${name};`));
  return /desc="([^"]*)"/.exec(entry ?? '')?.[1];
}

async function person(playwright: {
  request: { newContext: (options: object) => Promise<APIRequestContext> };
}): Promise<{ context: APIRequestContext; account: TestAccount }> {
  const url = (app as RunningApp).url;
  const context = await playwright.request.newContext({
    baseURL: url,
    extraHTTPHeaders: {
      'X-Forwarded-For': randomClientIp(),
      Origin: url,
      ...operatorHeaders(),
    },
  });
  return { context, account: await signUpViaApi(context, url) };
}

/** Sessions, friends, the fan-out to streams, cached objects and the page cache, end to end. */
async function exerciseEverything(
  app: RunningApp,
  playwright: Parameters<typeof person>[0],
): Promise<void> {
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
}

async function health(app: RunningApp): Promise<unknown> {
  return (await fetch(`${app.url}/api/health`, { headers: operatorHeaders() })).json();
}

test('sessions, friends, fan-out and the page cache on a Redis Cluster', async ({ playwright }) => {
  test.setTimeout(120_000);
  app = await startInstance('cluster', 'cluster:', {
    REDIS_URL: 'redis://127.0.0.1:1',
    REDIS_CLUSTER_NODES: cluster.nodes.join(','),
  });
  expect(await health(app)).toMatchObject({
    status: 'ok',
    redis: { ok: true, driver: 'cluster' },
  });
  await exerciseEverything(app, playwright);
});

test('durable data on one Redis, cached data on a Redis Cluster (CACHE_REDIS_CLUSTER_NODES)', async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  const durable = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  // A prefix of this run only: the single Redis outlives it.
  const prefix = `cachecluster-${randomBytes(4).toString('hex')}:`;
  app = await startInstance('cachecluster', prefix, {
    REDIS_URL: durable.toString(),
    CACHE_REDIS_CLUSTER_NODES: cluster.nodes.join(','),
  });
  expect(await health(app)).toMatchObject({
    status: 'ok',
    redis: { ok: true, driver: 'tcp' },
    cacheRedis: { ok: true, driver: 'cluster' },
  });
  await exerciseEverything(app, playwright);

  // Each kind of data sits where its memory policy belongs: sessions never on the cache.
  const single = keysOn(`${durable.hostname}:${durable.port || '6379'}`, prefix);
  const clustered = cluster.nodes.flatMap((node) => keysOn(node, prefix));
  expect(single.some((key) => key.startsWith(`${prefix}session:`))).toBe(true);
  expect(single.some((key) => key.startsWith(`${prefix}page:`))).toBe(false);
  expect(clustered.some((key) => key.startsWith(`${prefix}page:`))).toBe(true);
  expect(clustered.some((key) => key.startsWith(`${prefix}session:`))).toBe(false);
});
