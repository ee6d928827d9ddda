import Parser from 'rss-parser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, operatorHeaders, test } from './support/fixtures';
import { api, befriend, publishViaApi } from './support/people';
import { XSS_PAYLOADS } from './support/xss-payloads';

test('write a draft, reload, publish; a friend comments and likes it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  await befriend(ada, bob, base);
  const title = `Notes on the Analytical Engine ${Date.now()}`;

  await test.step('the draft autosaves and survives a reload', async () => {
    await ada.page.goto('/write');
    await expectNoSeriousA11yViolations(ada.page);
    await ada.page.getByLabel('Title').fill(title);
    await ada.page
      .getByLabel('Body')
      .fill('The engine *weaves* algebraic patterns.\n\n```js\nconst loom = true;\n```');
    await expect(ada.page.getByRole('status').filter({ hasText: /^Draft saved/ })).toBeVisible({
      timeout: 10_000,
    });
    await expect(ada.page).toHaveURL(/\/write\/[a-f0-9]{24}$/);
    await expect(ada.page.getByRole('region', { name: 'Preview' }).locator('em')).toHaveText(
      'weaves',
    );
    await ada.page.getByLabel('Tags').fill('history, Computing');
    await ada.page.getByRole('button', { name: 'Save draft' }).click();
    await expect(ada.page.getByRole('status').filter({ hasText: /^Draft saved/ })).toBeVisible();
    await ada.page.reload();
    await expect(ada.page.getByLabel('Title')).toHaveValue(title);
    await expect(ada.page.getByLabel('Body')).toHaveValue(/weaves/);
    await expect(ada.page.getByLabel('Tags')).toHaveValue('history, computing');
    await expectNoSeriousA11yViolations(ada.page);
  });

  await test.step('publishing shows it on its page, the home page and the profile', async () => {
    await ada.page.getByRole('button', { name: 'Publish' }).click();
    await expect(ada.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(ada.page.locator('.hljs-keyword').first()).toHaveText('const');
    await expectNoSeriousA11yViolations(ada.page);
    const articleUrl = new URL(ada.page.url()).pathname;
    await ada.page.goto('/');
    await expect(
      ada.page.getByRole('feed', { name: 'Recent articles' }).getByRole('link', { name: title }),
    ).toBeVisible();
    await ada.page.goto(`/u/${ada.account.username.toLowerCase()}`);
    await expect(ada.page.getByRole('link', { name: title })).toHaveAttribute('href', articleUrl);
    await ada.page.goto('/t/computing');
    await expect(ada.page.getByRole('link', { name: title })).toBeVisible();
  });

  await test.step('a friend likes and comments', async () => {
    await bob.page.goto('/');
    await bob.page.getByRole('link', { name: title }).first().click();
    await expect(bob.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await Promise.all([
      bob.page.waitForResponse((response) => response.url().endsWith('/like') && response.ok()),
      bob.page.getByRole('button', { name: 'Like' }).click(),
    ]);
    await expect(bob.page.getByRole('button', { name: 'Like' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(bob.page.getByText('1 like', { exact: true })).toBeVisible();
    await bob.page.getByLabel('Add a comment').fill('A beautiful machine.');
    await bob.page.getByRole('button', { name: 'Post comment' }).click();
    await expect(bob.page.getByRole('list', { name: 'Comments' })).toContainText(
      'A beautiful machine.',
    );
    await expectNoSeriousA11yViolations(bob.page);
    await bob.page.reload();
    await expect(bob.page.getByText('1 like', { exact: true })).toBeVisible();
    await expect(bob.page.getByRole('button', { name: 'Like' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  await test.step('the author sees it, and an old URL redirects after a title edit', async () => {
    const articleUrl = `/u/${ada.account.username.toLowerCase()}`;
    await ada.page.goto(articleUrl);
    await ada.page.getByRole('link', { name: title }).click();
    await expect(ada.page.getByRole('list', { name: 'Comments' })).toContainText(
      'A beautiful machine.',
    );
    const oldPath = new URL(ada.page.url()).pathname;
    await ada.page.getByRole('link', { name: 'Edit this article' }).click();
    await ada.page.getByLabel('Title').fill(`${title} (revised)`);
    await ada.page.getByRole('button', { name: 'Update' }).click();
    await expect(
      ada.page.getByRole('status').filter({ hasText: 'Your changes are live.' }),
    ).toBeVisible();
    const response = await ada.page.request.get(oldPath, { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(response.headers()['location']).toMatch(/-revised$/);
  });
  for (const someone of [ada, bob]) await someone.page.context().close();
});

test('a friends-only article is a 404 for strangers and anonymous readers, and never kept for every reader', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL as string;
  const [ada, bob, eve] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  await befriend(ada, bob, base);
  const article = await publishViaApi(ada, base, {
    title: 'Friends only news',
    body: 'Secret.',
    visibility: 'friends',
  });
  const path = `/u/${ada.account.username.toLowerCase()}/${article.slug}`;
  // Rendered for each reader, never kept as the one copy for every signed-in reader.
  for (let view = 0; view < 3; view += 1) {
    const response = await bob.page.request.get(path, { headers: operatorHeaders() });
    expect(response.status()).toBe(200);
    expect(response.headers()['server-timing']).not.toContain('cache-page;desc="hit"');
  }
  expect((await bob.page.goto(path))?.status()).toBe(200);
  await expect(
    bob.page.getByRole('button', { name: `Account menu for ${bob.account.username}` }),
  ).toBeVisible();
  await expect(bob.page.getByLabel('Add a comment')).toBeVisible();
  expect((await eve.page.goto(path))?.status()).toBe(404);
  await expect(eve.page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect((await eve.page.request.get(path, { headers: { Cookie: '' } })).status()).toBe(404);
  for (const someone of [ada, bob, eve]) await someone.page.context().close();
});

test('RSS feeds parse with a real feed parser and list public articles only', async ({
  browser,
  baseURL,
  request,
}) => {
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const open = await publishViaApi(ada, base, {
    title: `Open & <honest> ${Date.now()}`,
    body: 'Hello **feed**.',
    tags: 'rss',
  });
  await publishViaApi(ada, base, {
    title: 'Hidden from feeds',
    body: 'Friends only.',
    visibility: 'friends',
  });
  const parser = new Parser();
  for (const path of ['/feed.xml', `/u/${ada.account.username.toLowerCase()}/feed.xml`]) {
    const response = await request.get(path);
    expect(response.headers()['content-type']).toContain('application/rss+xml');
    const feed = await parser.parseString(await response.text());
    const item = feed.items.find((entry) => entry.guid === open.id);
    expect(item?.title).toMatch(/^Open & <honest> \d+$/);
    expect(item?.link).toMatch(
      new RegExp(`/u/${ada.account.username.toLowerCase()}/${open.slug}$`),
    );
    expect(item?.['content:encoded']).toContain('<strong>feed</strong>');
    expect(feed.items.some((entry) => entry.title === 'Hidden from feeds')).toBe(false);
  }
  const sitemap = await request.get('/sitemap.xml');
  expect(await sitemap.text()).toContain(`/${open.slug}</loc>`);
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap:');
  await ada.page.context().close();
});

test(`none of ${XSS_PAYLOADS.length} XSS payloads runs through title, body, tags, comments or bio`, async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const dialogs: string[] = [];
  for (const someone of [ada, bob]) {
    someone.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }
  await api(ada.page, base, 'patch', '/api/profile', {
    displayName: XSS_PAYLOADS[0],
    bio: XSS_PAYLOADS.join('\n').slice(0, 500),
    links: [],
  });
  const urls: string[] = [];
  // Seventeen payloads an article: every article fits in a new account's publications an hour
  // (5, NEW_ACCOUNT_LIMITS in lib/rate-limit/new-account-limits.ts).
  for (let index = 0; index < XSS_PAYLOADS.length; index += 17) {
    const chunk = XSS_PAYLOADS.slice(index, index + 17);
    const article = await publishViaApi(ada, base, {
      title: `XSS ${index} ${chunk[0]}`.slice(0, 150),
      body: chunk.join('\n\n'),
      // A tag is at most 30 characters (a longer one is refused, no longer cut to fit).
      tags: chunk.slice(0, 5).map((payload) => payload.slice(0, 30)),
    });
    const comment = await ada.page.request.post(`/api/articles/${article.id}/comments`, {
      data: { body: chunk.join('\n') },
      headers: { Origin: base },
    });
    expect(comment.status()).toBe(201);
    urls.push(`/u/${ada.account.username.toLowerCase()}/${article.slug}`);
  }
  const pages = [...urls, '/', `/u/${ada.account.username.toLowerCase()}`, '/feed.xml'];
  for (const path of pages) {
    await bob.page.goto(path);
    await bob.page.mouse.move(200, 300);
    await bob.page.waitForTimeout(100);
    expect(
      await bob.page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    // Images: only our own stored ones (a relative /media/images/ address), never another host.
    const foreignImages = await bob.page.locator('main img').evaluateAll((images) =>
      images
        .map((image) => [image.getAttribute('src') ?? '', image.getAttribute('srcset') ?? ''])
        .flat()
        .filter((url) => url && !/^\/media\/(images|covers|avatars)\//.test(url)),
    );
    expect(foreignImages, path).toEqual([]);
  }
  // The author's own editor renders the preview of every payload too.
  await ada.page.goto('/write');
  await ada.page.getByLabel('Body').fill(XSS_PAYLOADS.join('\n\n'));
  await expect(ada.page.getByRole('region', { name: 'Preview' })).toContainText('click me');
  expect(
    await ada.page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  const scripts = await bob.page
    .goto(urls[0] as string)
    .then(() =>
      bob.page
        .locator(
          'main script:not([type="application/ld+json"]), main iframe, main object, main embed',
        )
        .count(),
    );
  expect(scripts).toBe(0);
  // The one data block is the page's own JSON-LD (not executed): none came from the content.
  expect(await bob.page.locator('main script[type="application/ld+json"]').count()).toBe(1);
  expect(dialogs).toEqual([]);
  for (const someone of [ada, bob]) await someone.page.context().close();
});

test('deleting a comment asks in a focus-trapped dialog; Escape keeps it, confirming deletes it', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const article = await publishViaApi(ada, base, { title: 'Second thoughts', body: 'Hmm.' });
  await api(ada.page, base, 'post', `/api/articles/${article.id}/comments`, {
    body: 'A comment to think twice about.',
  });
  const page = ada.page;
  await page.goto(`/u/${ada.account.username.toLowerCase()}/${article.slug}`);
  const remove = page.getByRole('button', { name: /^Delete comment by / });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Delete this comment?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  // Focus stays inside the dialog however far one tabs.
  for (let press = 0; press < 5; press += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.getByText('A comment to think twice about.')).toBeVisible();

  await remove.click();
  await dialog.getByRole('button', { name: 'Delete comment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Comment deleted.' })).toBeVisible();
  await expect(page.getByText('A comment to think twice about.')).toBeHidden();
});

test('an author page stays cached through body edits, not through a new title; a script updating a published article gets 429', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const words = (count: number, word: string) =>
    Array.from({ length: count }, () => word).join(' ');
  // The excerpt lists show is the first 200 characters: the edits below change only the ending.
  const opening = words(60, 'opening');
  const article = await publishViaApi(ada, base, {
    title: 'Quietly edited',
    body: `${opening}\n\n${words(40, 'ending')}`,
  });
  const profile = `/u/${ada.account.username.toLowerCase()}`;
  // An operator's view: the public's Server-Timing says nothing of the page cache.
  const reader = await playwright.request.newContext({
    baseURL: base,
    extraHTTPHeaders: operatorHeaders(),
  });
  const pageCache = (response: { headers: () => Record<string, string> }) =>
    /cache-page;desc="([^"]*)"/.exec(response.headers()['server-timing'] ?? '')?.[1];
  await expect.poll(async () => pageCache(await reader.get(profile))).toBe('hit');

  const update = (fields: Record<string, unknown>) =>
    ada.page.request.patch(`/api/articles/${article.id}`, {
      data: fields,
      headers: { Origin: base },
    });
  expect((await update({ body: `${opening}\n\n${words(40, 'closing')}` })).status()).toBe(200);
  expect(pageCache(await reader.get(profile))).toBe('hit');
  expect(await (await reader.get(`${profile}/${article.slug}`)).text()).toContain('closing');

  expect((await update({ title: 'Loudly renamed' })).status()).toBe(200);
  const renamed = await reader.get(profile);
  expect(pageCache(renamed)).not.toBe('hit');
  expect(await renamed.text()).toContain('Loudly renamed');

  let refused;
  for (let attempt = 0; attempt < 70 && !refused; attempt += 1) {
    const response = await update({ body: `${opening}\n\n${words(40, `edit${attempt}`)}` });
    if (response.status() === 429) refused = response;
    else expect(response.status()).toBe(200);
  }
  if (!refused) throw new Error('never limited');
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  expect(((await refused.json()) as { formError: string }).formError).toMatch(
    /^Too many updates to published articles\. Please wait \d+ minutes? and try again\.$/,
  );
  await reader.dispose();
  await ada.page.context().close();
});
