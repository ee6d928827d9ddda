import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, PASSWORD, randomClientIp, test, uniqueName } from './support/fixtures';
import { waitForMail } from '../scripts/lib/mailbox';

/**
 * E-mail change from /settings: a link to the new address, a notice to the old one, nothing
 * changes until the link is confirmed, by the account that asked, once.
 */

const CONFIRM_SUBJECT = /^Confirm your new Inkwell email address$/;

async function linkIn(base: string, email: string): Promise<string> {
  const mail = await waitForMail(base, email, CONFIRM_SUBJECT);
  const url = /https?:\/\/\S+\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no link in: ${mail.text}`);
  const link = new URL(url);
  return `${link.pathname}${link.search}`;
}

function signInStatus(request: APIRequestContext, base: string, identifier: string) {
  return request
    .post(`${base}/api/sessions`, {
      data: { identifier, password: PASSWORD },
      headers: { Origin: base, 'X-Forwarded-For': randomClientIp() },
    })
    .then((response) => response.status());
}

/** Fills the Email section of /settings (already open) and presses "Change email". */
async function askForChange(page: Page, newEmail: string, password: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Email' });
  await section.getByLabel('New email').fill(newEmail);
  await section.getByLabel('Current password').fill(password);
  await section.getByRole('button', { name: 'Change email' }).click();
}

test.describe('changing the e-mail address', () => {
  test('takes effect only when the link sent to the new address is confirmed; the old one is told', async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const base = baseURL as string;
    const { page, account } = await newPerson(browser, base);
    const target = `${uniqueName('moved')}@example.com`;
    const outsider = await playwright.request.newContext();

    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Email' });
    await expect(section).toContainText(`Your email address is ${account.email}`);
    await askForChange(page, 'not-an-address', 'wrong-password');
    await expect(section.getByLabel('New email')).toHaveAccessibleDescription(
      /Enter an email address like name@example.com/,
    );
    await askForChange(page, target, 'wrong-password');
    await expect(section.getByLabel('Current password')).toHaveAccessibleDescription(
      'To make sure it is you. This is not your current password.',
    );
    await expect(section.getByLabel('Current password')).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await askForChange(page, target, PASSWORD);
    await expect(section.getByRole('status')).toContainText(`We sent a link to ${target}`);
    await expect(section.getByLabel('New email')).toHaveValue('');
    await expectNoSeriousA11yViolations(page);

    const notice = await waitForMail(base, account.email, /^Your Inkwell email address is being/);
    expect(notice.text).toContain(target);
    const link = await linkIn(base, target);
    // Nothing has changed yet.
    expect(await signInStatus(outsider, base, target)).toBe(401);
    expect(await signInStatus(outsider, base, account.email)).toBe(200);
    await page.reload();
    await expect(section).toContainText(`Your email address is ${account.email}`);

    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Confirm your new email' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`from ${account.email} to ${target}`);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await expect(page.getByRole('heading', { name: 'Email changed' })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    expect(await signInStatus(outsider, base, target)).toBe(200);
    expect(await signInStatus(outsider, base, account.email)).toBe(401);
    await page.goto('/settings');
    await expect(section).toContainText(`Your email address is ${target}`);

    // Once only.
    await page.goto(link);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'expired or was already used',
    );
    const again = await page.request.post('/api/account/email/confirm', {
      data: { token: link.split('token=')[1] },
      headers: { Origin: base },
    });
    expect(again.status()).toBe(410);
    await Promise.all([page.context().close(), outsider.dispose()]);
  });

  test('someone else’s confirmation link cannot change your account, and works only for the account that asked', async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const base = baseURL as string;
    const [asker, other] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
    const target = `${uniqueName('target')}@example.com`;
    await asker.page.goto('/settings');
    await askForChange(asker.page, target, PASSWORD);
    const link = await linkIn(base, target);

    // Signed in as someone else: the page says so, the API refuses, neither account changes.
    await other.page.goto(link);
    await expect(other.page.getByRole('main').getByRole('alert')).toContainText(
      'This link was sent for another account',
    );
    await expect(other.page.getByRole('button', { name: 'Confirm new email' })).toHaveCount(0);
    const forged = await other.page.request.post('/api/account/email/confirm', {
      data: { token: link.split('token=')[1] },
      headers: { Origin: base },
    });
    expect(forged.status()).toBe(403);
    const outsider = await playwright.request.newContext();
    expect(await signInStatus(outsider, base, other.account.email)).toBe(200);
    expect(await signInStatus(outsider, base, target)).toBe(401);

    // Signed out: the link asks for a sign-in first, and does nothing without one.
    const anonymous = await browser.newContext({ baseURL: base });
    const signedOut = await anonymous.newPage();
    await signedOut.goto(link);
    await expect(signedOut).toHaveURL(/\/signin\?callbackUrl=/);
    const unsigned = await anonymous.request.post(`${base}/api/account/email/confirm`, {
      data: { token: link.split('token=')[1] },
      headers: { Origin: base },
    });
    expect(unsigned.status()).toBe(401);

    // The link was not used up by those attempts: the account that asked confirms it.
    await asker.page.goto(link);
    await asker.page.getByRole('button', { name: 'Confirm new email' }).click();
    await expect(asker.page.getByRole('heading', { name: 'Email changed' })).toBeVisible();
    expect(await signInStatus(outsider, base, target)).toBe(200);
    await Promise.all([
      asker.page.context().close(),
      other.page.context().close(),
      anonymous.close(),
      outsider.dispose(),
    ]);
  });
});
