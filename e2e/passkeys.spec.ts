import type { RunningApp } from '../scripts/lib/app-server';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, signOutViaUi, test } from './support/fixtures';
import {
  accountMenu,
  addPasskeyInSettings,
  credentialsOf,
  newPasskeyPerson,
  startPasskeyApp,
  submitPassword,
} from './support/passkeys';

let app: RunningApp;
let origin: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ app, origin } = await startPasskeyApp('passkeys'));
});

test.afterAll(async () => {
  await app?.stop();
});

test('adds a passkey in settings, signs in with it without a username, and removes it', async ({
  browser,
}) => {
  const { page, account, authenticator } = await newPasskeyPerson(browser, origin);
  await page.goto('/settings');
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A name is asked for first, its error next to the field, before the authenticator is.
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByLabel('Passkey name')).toHaveAccessibleDescription(
    /Give the passkey a name/,
  );
  await expect(page.getByLabel('Passkey name')).toBeFocused();
  expect(await credentialsOf(authenticator)).toHaveLength(0);
  await expectNoSeriousA11yViolations(page);

  await addPasskeyInSettings(page, 'Work laptop');
  const [credential] = await credentialsOf(authenticator);
  expect(credential?.isResidentCredential).toBe(true);
  const list = page.getByRole('list', { name: 'Your passkeys' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Work laptop');
  await expect(list).toContainText('Not used yet');
  await expectNoSeriousA11yViolations(page);

  await signOutViaUi(page);
  await page.goto('/signin');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await expect(accountMenu(page, account)).toBeVisible();
  // A normal session: listed in settings, with the passkey's last use.
  await page.goto('/settings');
  await expect(page.getByRole('list', { name: 'Active sessions' })).toContainText('This device');
  await expect(page.getByRole('list', { name: 'Your passkeys' })).toContainText('Last used');

  await page.getByRole('button', { name: 'Remove passkey Work laptop' }).click();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();

  // The authenticator still holds the key; Inkwell no longer accepts it.
  await signOutViaUi(page);
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'That passkey did not sign you in',
  );
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('two-step sign-in: after the password, a passkey or a recovery code (each code once)', async ({
  browser,
}) => {
  const { page, account } = await newPasskeyPerson(browser, origin);
  await addPasskeyInSettings(page, 'Phone');
  const twoStep = page.getByRole('checkbox', {
    name: 'Require a passkey or code after the password',
  });
  await expect(twoStep).not.toBeChecked();
  await twoStep.click();
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused();
  const codes = await page
    .getByRole('list', { name: 'Recovery codes' })
    .getByRole('listitem')
    .allTextContents();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  await expect(twoStep).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  // The password alone is not enough: the second step is asked for.
  await signOutViaUi(page);
  await submitPassword(page, account);
  await page.waitForURL(/\/signin\/second-step/);
  await expect(page.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await expect(accountMenu(page, account)).toBeVisible();

  // With a recovery code, typed in capitals without its dash: works once.
  const [first, second] = codes as [string, string];
  await signOutViaUi(page);
  await submitPassword(page, account);
  await page.waitForURL(/\/signin\/second-step/);
  await page.getByLabel('Recovery code').fill(first.replace('-', '').toUpperCase());
  await page.getByRole('button', { name: 'Continue with a recovery code' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await expect(accountMenu(page, account)).toBeVisible();

  await signOutViaUi(page);
  await submitPassword(page, account);
  await page.waitForURL(/\/signin\/second-step/);
  await page.getByLabel('Recovery code').fill(first);
  await page.getByRole('button', { name: 'Continue with a recovery code' }).click();
  await expect(page.getByLabel('Recovery code')).toHaveAccessibleDescription(
    /That is not one of your unused recovery codes/,
  );
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Recovery code').fill(second);
  await page.getByRole('button', { name: 'Continue with a recovery code' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));

  // Turning it off asks for the password again.
  await page.goto('/settings');
  await expect(page.getByText('8 unused recovery codes left.')).toBeVisible();
  await twoStep.click();
  await expect(twoStep).toBeChecked();
  await expect(page.getByLabel('Confirm your password')).toBeFocused();
  await page.getByLabel('Confirm your password').fill('not-my-password-at-all');
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await expect(page.getByLabel('Confirm your password')).toHaveAccessibleDescription(
    /This is not your current password/,
  );
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Confirm your password').fill(account.password);
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await expect(twoStep).not.toBeChecked();

  await signOutViaUi(page);
  await submitPassword(page, account);
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await expect(accountMenu(page, account)).toBeVisible();
});

test('regenerated recovery codes replace the old ones', async ({ browser }) => {
  const { page, account } = await newPasskeyPerson(browser, origin);
  await page.goto('/settings');
  await page
    .getByRole('checkbox', { name: 'Require a passkey or code after the password' })
    .click();
  const codeList = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codeList).toHaveCount(10);
  const [old] = await codeList.allTextContents();
  await page.getByRole('button', { name: 'Regenerate recovery codes' }).click();
  await expect(page.getByRole('status')).toContainText('the old ones no longer work');
  await expect(codeList.first()).not.toHaveText(old as string);
  const [fresh] = await codeList.allTextContents();

  await signOutViaUi(page);
  await submitPassword(page, account);
  await page.waitForURL(/\/signin\/second-step/);
  await page.getByLabel('Recovery code').fill(old as string);
  await page.getByRole('button', { name: 'Continue with a recovery code' }).click();
  await expect(page.getByLabel('Recovery code')).toHaveAccessibleDescription(
    /That is not one of your unused recovery codes/,
  );
  await page.getByLabel('Recovery code').fill(fresh as string);
  await page.getByRole('button', { name: 'Continue with a recovery code' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await expect(accountMenu(page, account)).toBeVisible();
});
