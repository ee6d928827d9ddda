import { expect, PASSWORD, randomClientIp, signUpViaApi, test } from './support/fixtures';

/**
 * The sign-in route's input is parsed in one place, the credentials gate (lib/auth/auth.ts):
 * what does not parse gets a message per field, starts no session and counts no attempt.
 */
test('sign-in input that does not parse gets a message per field and counts no attempt', async ({
  page,
  playwright,
  baseURL,
}) => {
  const base = baseURL as string;
  const account = await signUpViaApi(page.request, base);
  const client = await playwright.request.newContext({
    baseURL: base,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: base },
  });
  const bothFields = {
    identifier: 'Enter your email or username.',
    password: 'Enter your password.',
  };
  for (const data of [
    {},
    { identifier: { $ne: null }, password: { $ne: null } },
    { identifier: '   ', password: '' },
    { identifier: ['x'], password: 42 },
  ]) {
    const refused = await client.post('/api/sessions', { data });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).fieldErrors).toEqual(bothFields);
    expect(refused.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
  }
  // More refusals than the (account, address) limit allows attempts (10): none was counted.
  for (let index = 0; index < 12; index += 1) {
    const tooLong = await client.post('/api/sessions', {
      data: { identifier: account.username, password: 'x'.repeat(129) },
    });
    expect(tooLong.status()).toBe(422);
    expect((await tooLong.json()).fieldErrors).toEqual({ password: 'Enter your password.' });
  }
  const signedIn = await client.post('/api/sessions', {
    data: { identifier: account.username, password: PASSWORD },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  await client.dispose();
});
