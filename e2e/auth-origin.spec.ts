import type { RunningApp } from '../scripts/lib/app-server';
import { startAppServer } from '../scripts/lib/app-server';
import { freePort } from '../scripts/lib/processes';
import { expect, randomClientIp, test } from './support/fixtures';

/**
 * Auth.js builds absolute URLs (OAuth redirect_uri, its error and sign-in redirects) from the
 * site's public origin, APP_URL: never from the address the server listens on (0.0.0.0) and
 * never from a Host or X-Forwarded-Host header a client made up. The instance here is reached
 * on 127.0.0.1 but published as https://inkwell.test, as behind a TLS-terminating proxy.
 */
const PUBLIC_ORIGIN = 'https://inkwell.test';
const FORGED = {
  Host: 'evil.example',
  'X-Forwarded-Host': 'evil.example',
  'X-Forwarded-Proto': 'http',
};

let app: RunningApp;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_authorigin`;
  app = await startAppServer({
    port: await freePort(),
    instanceName: 'authorigin-1',
    env: {
      MONGODB_URI: uri.toString(),
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}authorigin:`,
      TRUST_PROXY: 'loopback',
      APP_URL: PUBLIC_ORIGIN,
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
});

test('Auth.js answers with the public origin, whatever Host a request claims', async ({
  playwright,
}) => {
  const client = await playwright.request.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), 'X-Forwarded-Proto': 'https' },
  });
  for (const headers of [{}, FORGED]) {
    const what = `with headers ${JSON.stringify(headers)}`;
    const providers = (await (
      await client.get(`${app.url}/api/auth/providers`, { headers })
    ).json()) as Record<string, { signinUrl: string; callbackUrl: string }>;
    for (const provider of Object.values(providers)) {
      expect(provider.signinUrl, what).toMatch(/^https:\/\/inkwell\.test\/api\/auth\//);
      expect(provider.callbackUrl, what).toMatch(/^https:\/\/inkwell\.test\/api\/auth\//);
    }

    const csrf = await client.get(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const refused = await client.post(`${app.url}/api/auth/callback/credentials`, {
      headers,
      form: { csrfToken, identifier: 'nobody-at-all', password: 'not-the-password-1' },
      maxRedirects: 0,
    });
    expect(refused.status(), what).toBe(302);
    const location = new URL(refused.headers().location as string);
    expect(location.origin, what).toBe(PUBLIC_ORIGIN);
    expect(location.pathname, what).toBe('/signin');
  }
  await client.dispose();
});
