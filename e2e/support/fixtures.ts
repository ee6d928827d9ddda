import { randomInt } from 'node:crypto';
import { signUpTokenFor } from '../../scripts/lib/mailbox';
import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type Page,
} from '@playwright/test';

/** A documentation-range address per test, so per-IP rate limits never couple two tests. */
export function randomClientIp(): string {
  return `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/**
 * What an operator presents (METRICS_TOKEN, set by the test run) to see Server-Timing details,
 * health details and metrics; everyone else sees `total` and a status.
 */
export function operatorHeaders(): Record<string, string> {
  return { 'X-Metrics-Token': process.env.METRICS_TOKEN ?? '' };
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders({ 'X-Forwarded-For': randomClientIp() });
    await use(context);
  },
  // The bare `request` fixture too: a test's sign-ups never spend another test's per-IP limits.
  request: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
    });
    await use(request);
    await request.dispose();
  },
});

export { expect };

let counter = 0;
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter}`.slice(0, 30);
}

export const PASSWORD = 'quill-and-parchment-42';

export interface TestAccount {
  username: string;
  email: string;
  password: string;
}

/**
 * Signs up through the API and follows the confirmation e-mail (with the password); the request's
 * context is then signed in as the new account.
 */
export async function signUpViaApi(
  request: APIRequestContext,
  baseURL: string,
  username = uniqueName(),
): Promise<TestAccount> {
  const account = { username, email: `${username}@example.com`, password: PASSWORD };
  const requested = await request.post(`${baseURL}/api/accounts`, {
    data: account,
    headers: { Origin: baseURL },
  });
  expect(requested.status(), await requested.text()).toBe(202);
  const confirmed = await request.post(`${baseURL}/api/accounts/confirm`, {
    data: { token: await signUpTokenFor(baseURL, account.email), password: account.password },
    headers: { Origin: baseURL },
  });
  expect(confirmed.status(), await confirmed.text()).toBe(201);
  return account;
}

/** Fills the sign-up form (already open) and presses `Create account`. */
export async function submitSignUpForm(
  page: Page,
  fields: { email: string; username: string; password: string },
): Promise<void> {
  await page.getByLabel('Email').fill(fields.email);
  await page.getByLabel('Username').fill(fields.username);
  await page.getByLabel('Password').fill(fields.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/**
 * Signs up through the form, then opens the link from the confirmation e-mail and confirms with
 * the password, as a person would; ends on the welcome page, signed in.
 */
export async function signUpViaUi(
  page: Page,
  baseURL: string,
  username: string,
  email = `${username}@example.com`,
): Promise<void> {
  await page.goto('/signup');
  await submitSignUpForm(page, { email, username, password: PASSWORD });
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
  await expect(page.getByRole('status')).toContainText(email.toLowerCase());
  await page.goto(`/signup/confirm?token=${await signUpTokenFor(baseURL, email.toLowerCase())}`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Confirm account' }).click();
  await page.waitForURL(/\/settings\?welcome=1$/);
}

export async function signInViaUi(
  page: Page,
  identifier: string,
  password = PASSWORD,
): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export async function signOutViaUi(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
}

export interface Person {
  page: Page;
  account: TestAccount;
}

/** A new person in their own browser context (own cookies, own client address), signed up and in. */
export async function newPerson(browser: Browser, baseURL: string): Promise<Person> {
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  const page = await context.newPage();
  return { page, account: await signUpViaApi(page.request, baseURL) };
}
