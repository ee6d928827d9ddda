import type { Browser, CDPSession, Page } from '@playwright/test';
import { startAppServer, type RunningApp } from '../../scripts/lib/app-server';
import { freePort } from '../../scripts/lib/processes';
import { expect, randomClientIp, signUpViaApi, type TestAccount } from './fixtures';

/**
 * Browsers refuse WebAuthn on an IP-address origin ("This is an invalid domain"), and the test
 * run's shared instance is published as http://127.0.0.1:…; passkey specs start their own
 * instance whose public origin (APP_URL, hence the RP ID) is http://localhost:<port>.
 */
export async function startPasskeyApp(name: string): Promise<{ app: RunningApp; origin: string }> {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_${name}`;
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const app = await startAppServer({
    port,
    instanceName: `${name}-1`,
    env: {
      MONGODB_URI: uri.toString(),
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}${name}:`,
      TRUST_PROXY: 'loopback',
      APP_URL: origin,
    },
  });
  return { app, origin };
}

export interface Authenticator {
  cdp: CDPSession;
  authenticatorId: string;
}

/**
 * A virtual platform authenticator (Chrome DevTools Protocol `WebAuthn` domain) for this page: it
 * holds discoverable credentials, verifies its user and answers without any prompt.
 */
export async function addAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

export async function credentialsOf(authenticator: Authenticator) {
  const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: authenticator.authenticatorId,
  });
  return credentials;
}

export interface PasskeyPerson {
  page: Page;
  account: TestAccount;
  authenticator: Authenticator;
}

/** A new person in their own browser (own cookies, address and authenticator), signed up and in. */
export async function newPasskeyPerson(browser: Browser, origin: string): Promise<PasskeyPerson> {
  const context = await browser.newContext({
    baseURL: origin,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  const page = await context.newPage();
  const account = await signUpViaApi(page.request, origin);
  return { page, account, authenticator: await addAuthenticator(page) };
}

/** Adds a passkey named `name` in settings; answers the stored passkey's id. */
export async function addPasskeyInSettings(page: Page, name: string): Promise<string> {
  await page.goto('/settings');
  await page.getByLabel('Passkey name').fill(name);
  const added = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/passkeys') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const response = await added;
  expect(response.status(), await response.text()).toBe(201);
  await expect(page.getByRole('status')).toContainText(`Passkey “${name}” added`);
  return ((await response.json()) as { id: string }).id;
}

/** Signs in with the password through the form, stopping wherever it leads. */
export async function submitPassword(page: Page, account: TestAccount): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email or username').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export function accountMenu(page: Page, account: TestAccount) {
  return page.getByRole('button', { name: `Account menu for ${account.username}` });
}
