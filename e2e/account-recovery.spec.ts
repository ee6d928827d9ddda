import mongoose from 'mongoose';
import type { APIRequestContext, Browser } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { checkPage } from './support/page-checks';
import {
  expect,
  PASSWORD,
  randomClientIp,
  signUpViaApi,
  test,
  uniqueName,
  type TestAccount,
} from './support/fixtures';
import { readMailbox, waitForMail } from '../scripts/lib/mailbox';

/**
 * Password reset ("Forgot password?" → e-mail → "Set new password"), and the attacks on it: an
 * unknown address gets the same answer, a link works once, limits per address and per client,
 * every session ends, an account without a password can set one.
 */

const NEW_PASSWORD = 'a-brand-new-passphrase-2026';
const RESET_SUBJECT = /^Reset your Inkwell password$/;

function e2eDatabaseUri(): string {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_e2e`;
  return uri.toString();
}

/** The path (with its token) of the link in the newest mail to `email` whose subject matches. */
async function linkIn(base: string, email: string, subject: RegExp): Promise<string> {
  const mail = await waitForMail(base, email, subject);
  const url = /https?:\/\/\S+\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no link in: ${mail.text}`);
  const link = new URL(url);
  return `${link.pathname}${link.search}`;
}

function signInApi(request: APIRequestContext, base: string, identifier: string, password: string) {
  return request.post(`${base}/api/sessions`, {
    data: { identifier, password },
    headers: { Origin: base, 'X-Forwarded-For': randomClientIp() },
  });
}

async function signedInContext(browser: Browser, base: string, account: TestAccount) {
  const context = await browser.newContext({
    baseURL: base,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  const signedIn = await signInApi(context.request, base, account.email, account.password);
  expect(signedIn.status()).toBe(200);
  return context;
}

async function isSignedIn(request: APIRequestContext, base: string): Promise<boolean> {
  const response = await request.get(`${base}/settings`, { maxRedirects: 0 });
  return response.status() === 200;
}

test.describe('password reset', () => {
  test('Forgot password? mails a one-time link; Set new password ends every session', async ({
    page,
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const owner = await browser.newContext({ baseURL: base });
    const account = await signUpViaApi(owner.request, base);
    const laptop = await signedInContext(browser, base, account);
    expect(await isSignedIn(owner.request, base)).toBe(true);
    expect(await isSignedIn(laptop.request, base)).toBe(true);

    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email address.');
    await page.getByLabel('Email').fill(account.email.toUpperCase());
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
    await expectNoSeriousA11yViolations(page);

    const link = await linkIn(base, account.email, RESET_SUBJECT);
    expect(link).toMatch(/^\/password-reset\/new\?token=/);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Set new password' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('New password').fill('password1');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByLabel('New password')).toHaveAccessibleDescription(/too common/);
    await expect(page.getByLabel('New password')).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL(/\/signin\?reset=1$/);
    await expect(page.getByRole('main').getByRole('status')).toContainText(
      'every session of your account was signed out',
    );

    // Every session before the reset is over; only the new password signs in.
    expect(await isSignedIn(owner.request, base)).toBe(false);
    expect(await isSignedIn(laptop.request, base)).toBe(false);
    expect((await signInApi(page.request, base, account.email, PASSWORD)).status()).toBe(401);
    await page.getByLabel('Email or username').fill(account.username);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));

    // The link was used: the page says so, the API refuses it, nothing changes.
    await page.goto(link);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'expired or was already used',
    );
    const again = await page.request.post('/api/password-reset/confirm', {
      data: { token: link.split('token=')[1], newPassword: 'an-attackers-passphrase-1' },
      headers: { Origin: base },
    });
    expect(again.status()).toBe(410);
    expect((await signInApi(page.request, base, account.email, NEW_PASSWORD)).status()).toBe(200);
    await Promise.all([owner.close(), laptop.close()]);
  });

  test('answers the same whether or not the address has an account', async ({
    page,
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(request, base);
    const unknown = `${uniqueName('nobody')}@example.com`;
    const ask = (email: string) =>
      request.post(`${base}/api/password-reset`, {
        data: { email },
        headers: { Origin: base, 'X-Forwarded-For': randomClientIp() },
      });
    const [known, missing] = [await ask(account.email), await ask(unknown)];
    expect([known.status(), missing.status()]).toEqual([202, 202]);
    expect(await known.json()).toEqual({ ok: true, email: account.email });
    expect(await missing.json()).toEqual({ ok: true, email: unknown });

    // The form shows the same for an unknown address; only the inbox learns there is no account.
    await page.goto('/password-reset');
    await page.getByLabel('Email').fill(unknown);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
    await expect(page.getByRole('status')).toContainText(`If an Inkwell account uses ${unknown}`);
    const notice = await waitForMail(base, unknown, RESET_SUBJECT);
    expect(notice.text).toContain('no account uses it');
    expect((await readMailbox(base, unknown)).some((mail) => /token=/.test(mail.text))).toBe(false);
  });

  test('is limited per address and per client', async ({ request, baseURL }) => {
    const base = baseURL as string;
    const ask = (email: string, ip = randomClientIp()) =>
      request.post(`${base}/api/password-reset`, {
        data: { email },
        headers: { Origin: base, 'X-Forwarded-For': ip },
      });
    const target = `${uniqueName('flooded')}@example.com`;
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await ask(target)).status()).toBe(202);
    const perAddress = await ask(target);
    expect(perAddress.status()).toBe(429);
    expect(Number(perAddress.headers()['retry-after'])).toBeGreaterThan(0);
    expect(await readMailbox(base, target)).toHaveLength(3);

    const ip = randomClientIp();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await ask(`${uniqueName('probe')}@example.com`, ip)).status()).toBe(202);
    }
    expect((await ask(`${uniqueName('probe')}@example.com`, ip)).status()).toBe(429);
  });

  test('an account made with GitHub or Google sets its first password', async ({
    page,
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(request, base);
    // As GitHub and Google sign-ups make them: no password at all.
    const connection = await mongoose.createConnection(e2eDatabaseUri()).asPromise();
    try {
      await connection
        .collection('users')
        .updateOne({ email: account.email }, { $unset: { passwordHash: '' } });
    } finally {
      await connection.close();
    }
    expect((await signInApi(request, base, account.email, PASSWORD)).status()).toBe(401);

    await page.goto('/password-reset');
    await page.getByLabel('Email').fill(account.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.goto(await linkIn(base, account.email, RESET_SUBJECT));
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL(/\/signin\?reset=1$/);
    expect((await signInApi(request, base, account.username, NEW_PASSWORD)).status()).toBe(200);
  });

  test('a password change made after the link was sent ends the link', async ({
    page,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(page.request, base);
    await page.request.post('/api/password-reset', {
      data: { email: account.email },
      headers: { Origin: base },
    });
    const link = await linkIn(base, account.email, RESET_SUBJECT);
    const changed = await page.request.post('/api/account/password', {
      data: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      headers: { Origin: base },
    });
    expect(changed.status()).toBe(200);
    await page.goto(link);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'expired or was already used',
    );
    await expect(page.getByRole('button', { name: 'Set new password' })).toHaveCount(0);
  });
});

test('the recovery and e-mail confirmation pages are accessible and responsive in both themes', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const titles = new Set<string>();
  titles.add(await checkPage(page, '/password-reset', 'password-reset', testInfo));
  const unused = 'a'.repeat(43);
  titles.add(
    await checkPage(page, `/password-reset/new?token=${unused}`, 'password-reset-new', testInfo),
  );
  await signUpViaApi(page.request, baseURL as string);
  titles.add(
    await checkPage(page, `/settings/email/confirm?token=${unused}`, 'email-confirm', testInfo),
  );
  expect(titles.size).toBe(3);
});
