import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, operatorHeaders, test, type Person } from './support/fixtures';
import { api, befriend, publishViaApi } from './support/people';

/**
 * The reading list (issue 20.5): "Save" on an article, and /saved, private to its reader. The
 * saved state on the copy of an article kept for every signed-in reader comes from the reader's
 * own state, never from the shared HTML.
 */

function saveButton(page: Page) {
  return page.getByRole('button', { name: 'Save', exact: true });
}

async function readerStateOf(person: Person, articleId: string) {
  return (await (await person.page.request.get(`/api/reader?article=${articleId}`)).json()) as {
    status: string;
    saved?: boolean | null;
  };
}

/** The `desc` of one Server-Timing entry (the operator's headers ask for the details). */
function timing(header: string | undefined, name: string): string | undefined {
  const entry = (header ?? '').split(',').find((part) => part.trim().startsWith(`${name};`));
  return /desc="?([^";]*)"?/.exec(entry ?? '')?.[1];
}

test('"Save" keeps an article in the reader’s own saved list; nobody else sees it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const [author, reader, other] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  const title = `Worth keeping ${Date.now()}`;
  const article = await publishViaApi(author, base, {
    title,
    body: 'A long read for a quiet evening.',
  });
  const path = `/u/${author.account.username.toLowerCase()}/${article.slug}`;

  await test.step('signed out, there is no Save button, and /saved asks to sign in', async () => {
    const anonymous = await browser.newContext({ baseURL: base });
    const page = await anonymous.newPage();
    await page.goto(path);
    await expect(page.getByRole('button', { name: 'Like' })).toBeVisible();
    await expect(saveButton(page)).toHaveCount(0);
    await page.goto('/saved');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsaved$/);
    await anonymous.close();
  });

  await test.step('Save on the copy shared by every signed-in reader', async () => {
    // Someone else's view first: the reader is then served the copy kept for every reader.
    await other.page.goto(path);
    await expect(saveButton(other.page)).toHaveAttribute('aria-pressed', 'false');
    await expect
      .poll(async () => {
        const kept = await reader.page.request.get(path, { headers: operatorHeaders() });
        return timing(kept.headers()['server-timing'], 'cache-page');
      })
      .toBe('hit');
    await reader.page.goto(path);
    await expect(saveButton(reader.page)).toHaveAttribute('aria-pressed', 'false');
    await expect(saveButton(reader.page)).toBeEnabled();
    await Promise.all([
      reader.page.waitForResponse(
        (response) => response.url().endsWith(`/api/articles/${article.id}/save`) && response.ok(),
      ),
      saveButton(reader.page).click(),
    ]);
    await expect(saveButton(reader.page)).toHaveAttribute('aria-pressed', 'true');
    await reader.page.reload();
    await expect(saveButton(reader.page)).toHaveAttribute('aria-pressed', 'true');
    expect(await readerStateOf(reader, article.id)).toMatchObject({
      status: 'signed-in',
      saved: true,
    });
    // The same kept copy, for another reader: not saved for them.
    await other.page.reload();
    await expect(saveButton(other.page)).toHaveAttribute('aria-pressed', 'false');
    expect(await readerStateOf(other, article.id)).toMatchObject({ saved: false });
  });

  await test.step('the account menu leads to /saved, which lists it, privately', async () => {
    await reader.page.getByRole('button', { name: /^Account menu for / }).click();
    await reader.page.getByRole('link', { name: 'Saved', exact: true }).click();
    await expect(reader.page.getByRole('heading', { level: 1, name: 'Saved' })).toBeVisible();
    const list = reader.page.getByRole('list', { name: 'Saved articles' });
    await expect(list.getByRole('link', { name: title })).toHaveAttribute('href', path);
    await expect(list.getByText('A long read for a quiet evening.')).toBeVisible();
    await expect(list.getByRole('link', { name: author.account.username })).toBeVisible();
    await expectNoSeriousA11yViolations(reader.page);

    const response = await reader.page.request.get('/saved', { headers: operatorHeaders() });
    expect(response.headers()['cache-control']).toMatch(/private/);
    expect(response.headers()['cache-control']).toMatch(/no-store/);
    // Warm: the reader's index, the article and its author all come from Redis.
    expect(timing(response.headers()['server-timing'], 'mongo')).toBe('0');

    await other.page.goto('/saved');
    await expect(other.page.getByText('Nothing saved yet.')).toBeVisible();
    await expect(other.page.getByRole('link', { name: title })).toHaveCount(0);
  });

  await test.step('another person cannot take it out of the reader’s list', async () => {
    // Removing works on one's own list only: the other's removal leaves the reader's alone.
    const removed = await other.page.request.delete(`/api/articles/${article.id}/save`, {
      headers: { Origin: base },
    });
    expect(await removed.json()).toEqual({ ok: true, saved: false });
    expect(await readerStateOf(reader, article.id)).toMatchObject({ saved: true });
  });

  await test.step('Remove takes it out of the list, and the article shows it', async () => {
    await reader.page.goto('/saved');
    await reader.page.getByRole('button', { name: `Remove ${title} from saved` }).click();
    await expect(reader.page.getByText('Nothing saved yet.')).toBeVisible();
    await reader.page.goto(path);
    await expect(saveButton(reader.page)).toHaveAttribute('aria-pressed', 'false');
  });
  for (const someone of [author, reader, other]) await someone.page.context().close();
});

test('a friends-only article: saved state on its own page, gone from the list after unfriending', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const [author, friend] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  await befriend(author, friend, base);
  const title = `Between friends ${Date.now()}`;
  const article = await publishViaApi(author, base, {
    title,
    body: 'Only for friends.',
    visibility: 'friends',
  });
  const path = `/u/${author.account.username.toLowerCase()}/${article.slug}`;
  await api(friend.page, base, 'put', `/api/articles/${article.id}/save`, {});
  // Rendered for the friend alone: the page itself knows it is saved.
  await friend.page.goto(path);
  await expect(saveButton(friend.page)).toHaveAttribute('aria-pressed', 'true');
  await friend.page.goto('/saved');
  await expect(friend.page.getByRole('link', { name: title })).toBeVisible();

  await api(author.page, base, 'post', '/api/relationships', {
    username: friend.account.username,
    action: 'unfriend',
  });
  await friend.page.reload();
  await expect(friend.page.getByRole('link', { name: title })).toHaveCount(0);
  await expect(friend.page.getByText('Nothing saved yet.')).toBeVisible();
  // Not readable any more: it cannot be saved again either.
  const again = await friend.page.request.put(`/api/articles/${article.id}/save`, {
    headers: { Origin: base },
  });
  expect(again.status()).toBe(404);
  for (const someone of [author, friend]) await someone.page.context().close();
});
