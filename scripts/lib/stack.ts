import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RedisStore } from '../../lib/redis/store';
import { createTcpDriver } from '../../lib/redis/tcp-driver';
import { startAppServer, type RunningApp } from './app-server';
import { startFerretDb } from './ferretdb';
import { mailboxToken, signUpTokenFor } from './mailbox';
import { operatorToken } from './operator-token';
import { freePort, run } from './processes';
import { ensureRedis } from './redis-server';
import { startSearchEngine } from './search-engine';
import { runSigningKey } from './signing-key';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Stack {
  env: Record<string, string>;
  app: RunningApp;
  /**
   * Stops the instance while `work` runs, then starts a fresh one on the same port (`app` is then
   * the new one): nothing of the app (its jobs) competes with `work` for the database.
   */
  withoutApp<T>(work: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A throwaway production stack for the audit and the benchmark: its own FerretDB and search
 * engine, the local Redis under a fresh key prefix, a fresh build, one instance. `stop` removes all of it.
 */
export async function startStack(
  label: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  {
    postgresUrl,
    build = true,
  }: { postgresUrl?: string; /** false: serve the build already there. */ build?: boolean } = {},
): Promise<Stack> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `inkwell-${label}-`));
  const ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb'), postgresUrl });
  const redis = await ensureRedis(
    process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    path.join(scratch, 'redis'),
  );
  const search = await startSearchEngine({ dir: path.join(scratch, 'search') });
  const port = await freePort();
  const env: Record<string, string> = {
    SEARCH_URL: search.url,
    MONGODB_URI: ferret.uri(`inkwell_${label}`),
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `${label}:${randomBytes(3).toString('hex')}:`,
    AUTH_SECRET: randomBytes(33).toString('base64'),
    INNGEST_SIGNING_KEY: runSigningKey(),
    MAILBOX_TOKEN: mailboxToken(),
    METRICS_TOKEN: operatorToken(),
    APP_URL: `http://127.0.0.1:${port}`,
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  if (
    build &&
    (await run('npm', ['run', 'build', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    })) !== 0
  ) {
    throw new Error('the build failed');
  }
  const start = (migrate: boolean) =>
    startAppServer({ port, instanceName: `${label}-1`, env, nodeArgs, migrate });
  const stack: Stack = {
    env,
    app: await start(true),
    async withoutApp(work) {
      await stack.app.stop();
      try {
        return await work();
      } finally {
        stack.app = await start(false);
      }
    },
    async stop() {
      await stack.app.stop();
      const store = new RedisStore(
        createTcpDriver({ url: redis.url }),
        env.REDIS_KEY_PREFIX as string,
      );
      await store.deleteAllWithPrefix().catch(() => undefined);
      await store.driver.close();
      await ferret.stop();
      await redis.stop();
      await search.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Signs up through the API, follows the confirmation e-mail, and returns the session cookie. */
export async function signUp(
  baseUrl: string,
  username: string,
  ip = '198.18.0.1',
): Promise<string> {
  const email = `${username}@example.com`;
  const password = 'quill-and-parchment-42';
  const headers = { 'Content-Type': 'application/json', Origin: baseUrl, 'X-Forwarded-For': ip };
  const requested = await fetch(`${baseUrl}/api/accounts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, username, password }),
  });
  if (requested.status !== 202)
    throw new Error(`sign-up failed: ${requested.status} ${await requested.text()}`);
  const response = await fetch(`${baseUrl}/api/accounts/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ token: await signUpTokenFor(baseUrl, email), password }),
  });
  if (response.status !== 201)
    throw new Error(`confirming the sign-up failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith('inkwell.session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

export async function postJson(
  baseUrl: string,
  cookie: string,
  url: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl, Cookie: cookie },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
