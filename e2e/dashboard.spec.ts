import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, randomClientIp, test } from './support/fixtures';

test('"Your articles": an author sees their drafts, scheduled and published articles with views, likes, comments and a 30-day chart; no one else does', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const page = ada.page;
  const post = (path: string, data: unknown = {}) =>
    page.request.post(path, { data, headers: { Origin: base } });

  await test.step('the header offers "Write", the account menu "Your articles"; empty at first', async () => {
    await page.goto('/');
    await expect(
      page.getByRole('banner').getByRole('link', { name: 'Write', exact: true }),
    ).toHaveAttribute('href', '/write');
    await page.getByRole('button', { name: `Account menu for ${ada.account.username}` }).click();
    await page.getByRole('link', { name: 'Your articles' }).click();
    await page.waitForURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your articles' })).toBeVisible();
    await expect(page.getByText('No drafts. Start one with “Write an article”.')).toBeVisible();
    await expect(
      page.getByText('Nothing scheduled. Schedule a draft from its editor.'),
    ).toBeVisible();
    await expect(page.getByText('Nothing published yet.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  const created = async (title: string) =>
    (
      (await (await post('/api/articles', { title, body: 'Words worth reading.' })).json()) as {
        id: string;
      }
    ).id;
  const draftId = await created('Still thinking');
  const laterId = await created('Coming soon');
  const publishAt = new Date(Date.now() + 2 * 60 * 60 * 1000);
  publishAt.setUTCSeconds(0, 0);
  expect(
    (await post(`/api/articles/${laterId}/schedule`, { publishAt: publishAt.toISOString() })).ok(),
  ).toBe(true);
  const outId = await created('Out in the world');
  const published = await post(`/api/articles/${outId}/publish`);
  expect(published.ok()).toBe(true);
  const { slug } = (await published.json()) as { slug: string };

  await test.step('readers view, like and comment', async () => {
    const reader = await browser.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
    });
    const readerPage = await reader.newPage();
    for (let view = 0; view < 3; view += 1)
      await readerPage.goto(`/u/${ada.account.username.toLowerCase()}/${slug}`);
    await reader.close();
    const headers = { Origin: base };
    const liked = await bob.page.request.put(`/api/articles/${outId}/like`, {
      data: { liked: true },
      headers,
    });
    expect(liked.ok()).toBe(true);
    const commented = await bob.page.request.post(`/api/articles/${outId}/comments`, {
      data: { body: 'Lovely.' },
      headers,
    });
    expect(commented.ok()).toBe(true);
  });

  await test.step('the dashboard lists each, with its counts and chart', async () => {
    await page.goto('/dashboard');
    const drafts = page.getByRole('list', { name: 'Drafts' });
    const scheduled = page.getByRole('list', { name: 'Scheduled' });
    const publishedList = page.getByRole('list', { name: 'Published' });
    await expect(drafts.getByRole('heading', { name: 'Still thinking' })).toBeVisible();
    await expect(drafts.getByRole('link', { name: 'Edit Still thinking' })).toHaveAttribute(
      'href',
      `/write/${draftId}`,
    );
    await expect(scheduled.getByRole('heading', { name: 'Coming soon' })).toBeVisible();
    await expect(scheduled.locator(`time[datetime="${publishAt.toISOString()}"]`)).toBeVisible();
    await expect(scheduled).toContainText('Scheduled for');
    const out = publishedList.getByRole('listitem').filter({ hasText: 'Out in the world' });
    await expect(out.getByRole('link', { name: 'Out in the world', exact: true })).toHaveAttribute(
      'href',
      `/u/${ada.account.username.toLowerCase()}/${slug}`,
    );
    // Views and likes are counted at once; comments when the counter job writes them (each minute).
    await expect(async () => {
      await page.reload();
      const row = page
        .getByRole('list', { name: 'Published' })
        .getByRole('listitem')
        .filter({ hasText: 'Out in the world' });
      await expect(row.getByRole('definition')).toHaveText(['3', '1', '1'], { timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    await expect(out.getByRole('term')).toHaveText(['Views', 'Like', 'Comment']);

    const chart = out.getByRole('img', {
      name: 'Views per day over the last 30 days: Out in the world',
    });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleDescription(
      '3 views in the last 30 days; the most, 3, on ' +
        new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date()) +
        '.',
    );
    await out.getByText('Views per day as a table').click();
    const table = out.getByRole('table', {
      name: 'Views per day over the last 30 days: Out in the world',
    });
    await expect(table.getByRole('row')).toHaveCount(31);
    await expect(table.getByRole('row').last().getByRole('cell').last()).toHaveText('3');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('another person sees only their own (none); signed out, sign in first', async () => {
    await bob.page.goto('/dashboard');
    await expect(bob.page.getByRole('heading', { level: 1, name: 'Your articles' })).toBeVisible();
    await expect(bob.page.getByText('Nothing published yet.')).toBeVisible();
    for (const title of ['Still thinking', 'Coming soon', 'Out in the world'])
      await expect(bob.page.getByText(title)).toHaveCount(0);

    const stranger = await browser.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
    });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto('/dashboard');
    await expect(strangerPage).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard$/);
    await stranger.close();
  });

  await ada.page.context().close();
  await bob.page.context().close();
});
