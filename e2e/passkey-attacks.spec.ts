import type { Page } from '@playwright/test';
import type { RunningApp } from '../scripts/lib/app-server';
import { expect, signOutViaUi, test } from './support/fixtures';
import {
  accountMenu,
  addPasskeyInSettings,
  credentialsOf,
  newPasskeyPerson,
  startPasskeyApp,
  submitPassword,
  type PasskeyPerson,
} from './support/passkeys';

let app: RunningApp;
let origin: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ app, origin } = await startPasskeyApp('passkeyattacks'));
});

test.afterAll(async () => {
  await app?.stop();
});

/** Turns two-step sign-in on in settings (the codes are not needed here). */
async function requireSecondStep(page: Page): Promise<void> {
  await page.goto('/settings');
  await page
    .getByRole('checkbox', { name: 'Require a passkey or code after the password' })
    .click();
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
}

async function halfSignedIn(person: PasskeyPerson): Promise<void> {
  await signOutViaUi(person.page);
  await submitPassword(person.page, person.account);
  await person.page.waitForURL(/\/signin\/second-step/);
}

test('a replayed passkey answer signs nobody in', async ({ browser, playwright }) => {
  const { page, account } = await newPasskeyPerson(browser, origin);
  await addPasskeyInSettings(page, 'Laptop');
  await signOutViaUi(page);
  let captured = '';
  await page.route('**/api/sessions/passkey', async (route) => {
    captured = route.request().postData() ?? '';
    await route.continue();
  });
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await expect(accountMenu(page, account)).toBeVisible();
  expect(captured).toContain('clientDataJSON');

  const thief = await playwright.request.newContext({ baseURL: origin });
  const replayed = await thief.post('/api/sessions/passkey', {
    data: JSON.parse(captured) as unknown,
    headers: { Origin: origin },
  });
  expect(replayed.status()).toBe(410);
  expect(await replayed.text()).toContain('expired or was already used');
  expect(replayed.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
  await thief.dispose();
});

test('the half-signed-in cookie alone reads nothing and writes nothing', async ({
  browser,
  playwright,
}) => {
  const person = await newPasskeyPerson(browser, origin);
  await requireSecondStep(person.page);
  await halfSignedIn(person);
  const cookies = await person.page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).not.toContain('inkwell.session');
  const ticket = cookies.find((cookie) => cookie.name === 'inkwell.second-step');
  expect(ticket?.httpOnly).toBe(true);

  const { page } = person;
  const write = (path: string, method: 'POST' | 'PATCH', data: object) =>
    page.request.fetch(path, { method, data, headers: { Origin: origin } });
  expect((await write('/api/passkeys/options', 'POST', { name: 'Mine now' })).status()).toBe(401);
  expect((await write('/api/account/two-step', 'POST', {})).status()).toBe(401);
  expect((await write('/api/profile', 'PATCH', { displayName: 'Owned' })).status()).toBe(401);
  await expectSignedOut(page);

  // Carried to another browser, or presented as a session cookie, it is no session either.
  const other = await playwright.request.newContext({ baseURL: origin });
  for (const name of ['inkwell.second-step', 'inkwell.session']) {
    const response = await other.get('/settings', {
      headers: { Cookie: `${name}=${ticket?.value ?? ''}` },
      maxRedirects: 0,
    });
    expect(response.status(), name).toBe(307);
    expect(response.headers().location).toContain('/signin');
  }
  await other.dispose();

  // Auth.js's own credentials callback honours the second step just the same.
  const direct = await playwright.request.newContext({ baseURL: origin });
  const { csrfToken } = (await (await direct.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const callback = await direct.post('/api/auth/callback/credentials', {
    form: { csrfToken, identifier: person.account.username, password: person.account.password },
    maxRedirects: 0,
  });
  expect(callback.status()).toBe(302);
  expect(callback.headers().location).toContain('code=second_step');
  expect(callback.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
  await direct.dispose();
});

test('a passkey of another account does not finish this one’s second step', async ({ browser }) => {
  const victim = await newPasskeyPerson(browser, origin);
  const attacker = await newPasskeyPerson(browser, origin);
  await addPasskeyInSettings(victim.page, 'Victim phone');
  await requireSecondStep(victim.page);
  await addPasskeyInSettings(attacker.page, 'Attacker key');
  const [stolen] = await credentialsOf(attacker.authenticator);
  if (!stolen) throw new Error('no attacker credential');

  // The victim's browser holds the attacker's key, and is asked for exactly that key.
  await halfSignedIn(victim);
  await victim.authenticator.cdp.send('WebAuthn.addCredential', {
    authenticatorId: victim.authenticator.authenticatorId,
    credential: stolen,
  });
  const stolenId = Buffer.from(stolen.credentialId, 'base64').toString('base64url');
  await victim.page.route('**/api/sessions/second-step/options', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as {
      options: { allowCredentials: { id: string; type: string }[] };
    };
    body.options.allowCredentials = [{ id: stolenId, type: 'public-key' }];
    await route.fulfill({ response, json: body });
  });
  await victim.page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(victim.page.getByRole('main').getByRole('alert')).toContainText(
    'That passkey is not one of yours',
  );
  await expectSignedOut(victim.page);
});

test('nobody removes someone else’s passkey', async ({ browser, playwright }) => {
  const owner = await newPasskeyPerson(browser, origin);
  const stranger = await newPasskeyPerson(browser, origin);
  const id = await addPasskeyInSettings(owner.page, 'Only mine');

  const asStranger = await stranger.page.request.delete(`/api/passkeys/${id}`, {
    headers: { Origin: origin },
  });
  expect(asStranger.status()).toBe(404);
  const anonymous = await playwright.request.newContext({ baseURL: origin });
  expect(
    (await anonymous.delete(`/api/passkeys/${id}`, { headers: { Origin: origin } })).status(),
  ).toBe(401);
  await anonymous.dispose();
  // From another site, even with the owner's cookies: refused before anything is read.
  const crossSite = await owner.page.request.delete(`/api/passkeys/${id}`, {
    headers: { Origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);

  await owner.page.goto('/settings');
  await expect(owner.page.getByRole('list', { name: 'Your passkeys' })).toContainText('Only mine');
});
