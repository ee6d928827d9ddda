import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, signOutViaUi, test, type Person } from './support/fixtures';

async function api(
  page: Page,
  baseURL: string,
  method: 'post' | 'patch',
  url: string,
  data: unknown,
) {
  const response = await page.request[method](url, { data, headers: { Origin: baseURL } });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as { id: string; slug: string; version: number };
}

async function published(author: Person, baseURL: string, title: string, body: string) {
  const draft = await api(author.page, baseURL, 'post', '/api/articles', { title, body });
  return api(author.page, baseURL, 'post', `/api/articles/${draft.id}/publish`, {});
}

/** Replaces the body in the editor and presses "Update" (waiting for the save to answer). */
async function updateBody(page: Page, body: string) {
  await page.getByLabel('Body').fill(body);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'PATCH' && response.ok()),
    page.getByRole('button', { name: 'Update' }).click(),
  ]);
  await expect(
    page.getByRole('status').filter({ hasText: 'Your changes are live.' }),
  ).toBeVisible();
}

test('"History" shows each replaced version with a readable diff; "Restore this version" brings it back', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const [ada, eve] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const title = `Tides ${Date.now()}`;
  const article = await published(ada, base, title, 'The sea rose.\n\nGulls over the harbour.');

  await ada.page.goto(`/write/${article.id}`);
  await updateBody(ada.page, 'The sea rose.\n\nGulls over the bay.');
  await updateBody(ada.page, 'The sea rose high.\n\nGulls over the bay.');

  await ada.page.getByRole('link', { name: 'History' }).click();
  await expect(ada.page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const versions = ada.page.getByRole('navigation', { name: 'Versions' }).getByRole('link');
  await expect(versions).toHaveCount(2);
  // Newest first: the oldest (the first publication) is last.
  await versions.last().click();
  await expect(versions.last()).toHaveAttribute('aria-current', 'page');
  const changes = ada.page.getByRole('region', { name: 'Changes to the text' });
  await expect(changes.locator('del')).toContainText(['harbour.']);
  await expect(changes.locator('ins')).toContainText(['high.', 'bay.']);
  await expect(changes.locator('del').first()).toContainText('removed:');
  await expectNoSeriousA11yViolations(ada.page);

  // Another person: the page and the restore are "not found", and nothing changes.
  const stranger = await eve.page.goto(`/write/${article.id}/history`);
  expect(stranger?.status()).toBe(404);
  const refused = await eve.page.request.post(`/api/articles/${article.id}/restore`, {
    data: { version: article.version },
    headers: { Origin: base },
  });
  expect(refused.status()).toBe(404);

  await ada.page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(ada.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(ada.page.getByText('Gulls over the harbour.')).toBeVisible();
  await expect(ada.page.getByText('Gulls over the bay.')).toHaveCount(0);
  // The text the restore replaced is kept in turn.
  await ada.page.goto(`/write/${article.id}/history`);
  await expect(versions).toHaveCount(3);
});

test('unsaved edits are never dropped silently by a link: a published article asks, a draft is saved first', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const page = ada.page;
  const logo = page.getByRole('link', { name: 'Inkwell', exact: true });

  await test.step('an edit of a published article: the logo asks; "Stay" keeps the text', async () => {
    const article = await published(ada, base, `Harbour ${Date.now()}`, 'Boats at rest.');
    await page.goto(`/write/${article.id}`);
    await page.getByLabel('Body').fill('Boats at rest, and one leaving.');
    await logo.click();
    const dialog = page.getByRole('dialog', { name: 'Leave without updating?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/write/${article.id}$`));
    await expect(page.getByLabel('Body')).toHaveValue('Boats at rest, and one leaving.');
    // The account menu's links ask too; leaving on purpose then goes.
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Leave without updating' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await page.goto(`/write/${article.id}`);
    await expect(page.getByLabel('Body')).toHaveValue('Boats at rest.');
    // Sign out (a form in the account menu) asks as well; "Stay" keeps the text.
    await page.getByLabel('Body').fill('Boats at rest, and a storm.');
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(page).toHaveURL(new RegExp(`/write/${article.id}$`));
    await expect(page.getByLabel('Body')).toHaveValue('Boats at rest, and a storm.');
    // Typing another address (a full page load) asks through the browser's own prompt.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (prompt) => {
        resolve(prompt.type());
        void prompt.accept();
      }),
    );
    await page.goto('/');
    expect(await asked).toBe('beforeunload');
  });

  await test.step('a draft edited less than a second before the logo is clicked is saved', async () => {
    const draft = await api(page, base, 'post', '/api/articles', {
      title: `Draft ${Date.now()}`,
      body: 'First line.',
    });
    await page.goto(`/write/${draft.id}`);
    await page.getByLabel('Body').fill('First line.\nA second, typed just before leaving.');
    await logo.click();
    await expect(page).toHaveURL(`${base}/`);
    await page.goto(`/write/${draft.id}`);
    await expect(page.getByLabel('Body')).toHaveValue(
      'First line.\nA second, typed just before leaving.',
    );
  });

  await test.step('and one left with the Back button is saved too', async () => {
    const draft = await api(page, base, 'post', '/api/articles', {
      title: `Back ${Date.now()}`,
      body: 'Start.',
    });
    await page.goto('/');
    await page.goto(`/write/${draft.id}`);
    await page.getByLabel('Body').fill('Start, then more.');
    await page.goBack();
    await expect(page).toHaveURL(`${base}/`);
    await expect
      .poll(async () => {
        const response = await page.request.get(`/write/${draft.id}`);
        return (await response.text()).includes('Start, then more.');
      })
      .toBe(true);
  });
});

test('Back from an edited published article keeps the changes: the editor reopens with them until "Update" or "Discard changes"', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const page = ada.page;
  const title = `Lighthouse ${Date.now()}`;
  const article = await published(ada, base, title, 'The lamp turns.');
  const live = `/u/${ada.account.username.toLowerCase()}/${article.slug}`;
  const notice = page.getByRole('region', { name: 'Changes not yet published' });
  /** From the dashboard to the editor and back are client-side navigations (no page load). */
  const openEditor = async () => {
    await page.getByRole('link', { name: `Edit ${title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/write/${article.id}$`));
  };
  const liveText = async () => (await page.request.get(live)).text();
  // Reloading the editor with unpublished changes asks first (beforeunload): go on.
  page.on('dialog', (dialog) => void dialog.accept());

  await page.goto('/dashboard');
  await openEditor();
  await page.getByLabel('Body').fill('The lamp turns, and a ship answers.');
  await page.goBack();
  await expect(page).toHaveURL(/\/dashboard$/);

  await test.step('reopened: the changes are there, said to be unpublished; readers do not see them', async () => {
    await openEditor();
    await expect(page.getByLabel('Body')).toHaveValue('The lamp turns, and a ship answers.');
    await expect(notice).toContainText('You have changes not yet published');
    expect(await liveText()).not.toContain('a ship answers');
    // And after a reload of the editor too (the same tab).
    await page.reload();
    await expect(page.getByLabel('Body')).toHaveValue('The lamp turns, and a ship answers.');
  });

  await test.step('"Discard changes" goes back to the live text, for good', async () => {
    await notice.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByLabel('Body')).toHaveValue('The lamp turns.');
    await expect(notice).toBeHidden();
    await page.goto('/dashboard');
    await openEditor();
    await expect(page.getByLabel('Body')).toHaveValue('The lamp turns.');
    await expect(notice).toBeHidden();
  });

  await test.step('kept again by Back, then "Update" makes them live and nothing stays pending', async () => {
    await page.getByLabel('Body').fill('The lamp turns; the fog lifts.');
    await page.goBack();
    await expect(page).toHaveURL(/\/dashboard$/);
    await openEditor();
    await expect(notice).toBeVisible();
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'PATCH' && response.ok()),
      page.getByRole('button', { name: 'Update' }).click(),
    ]);
    await expect(notice).toBeHidden();
    await expect.poll(liveText).toContain('the fog lifts');
    await page.goto('/dashboard');
    await openEditor();
    await expect(page.getByLabel('Body')).toHaveValue('The lamp turns; the fog lifts.');
    await expect(notice).toBeHidden();
  });
});

test("signing out forgets the published article's edits kept in the tab: the next person at the computer finds none", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const page = ada.page;
  const title = `Diary ${Date.now()}`;
  const article = await published(ada, base, title, 'Dear diary.');
  const kept = () =>
    page.evaluate(() =>
      Object.keys(sessionStorage).filter((key) => key.startsWith('inkwell:pending-edits:')),
    );
  await page.goto('/dashboard');
  await page.getByRole('link', { name: `Edit ${title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/write/${article.id}$`));
  await page.getByLabel('Body').fill('Dear diary, a secret not yet published.');
  await page.goBack();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect.poll(kept).toHaveLength(1);
  await signOutViaUi(page);
  expect(await kept()).toEqual([]);
});
