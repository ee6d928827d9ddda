import { expect, randomClientIp, test } from './support/fixtures';

/**
 * Auth.js builds absolute URLs (OAuth redirect_uri, its error and sign-in redirects) from the
 * site's public origin, APP_URL: never from the address the server listens on (0.0.0.0) and
 * never from a Host or X-Forwarded-Host header a client made up.
 */
const FORGED = {
  Host: 'evil.example',
  'X-Forwarded-Host': 'evil.example',
  'X-Forwarded-Proto': 'https',
};

test('Auth.js answers with the public origin, whatever Host a request claims', async ({
  playwright,
  baseURL,
}) => {
  const origin = new URL(baseURL as string).origin;
  const client = await playwright.request.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });

  for (const headers of [{}, FORGED]) {
    const providers = (await (
      await client.get(`${origin}/api/auth/providers`, { headers })
    ).json()) as Record<string, { signinUrl: string; callbackUrl: string }>;
    for (const provider of Object.values(providers)) {
      expect(provider.signinUrl.startsWith(`${origin}/api/auth/`)).toBe(true);
      expect(provider.callbackUrl.startsWith(`${origin}/api/auth/`)).toBe(true);
    }

    const { csrfToken } = (await (await client.get(`${origin}/api/auth/csrf`)).json()) as {
      csrfToken: string;
    };
    const refused = await client.post(`${origin}/api/auth/callback/credentials`, {
      headers,
      form: { csrfToken, identifier: 'nobody-at-all', password: 'not-the-password-1' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(302);
    const location = new URL(refused.headers().location as string);
    expect(location.origin).toBe(origin);
    expect(location.pathname).toBe('/signin');
  }
  await client.dispose();
});
