import type { Browser, Page } from '@playwright/test';
import Parser from 'rss-parser';
import { schemaOrgErrors } from '../lib/testing/schema-org';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, randomClientIp, test, type Person } from './support/fixtures';

async function api(person: Person, baseURL: string, method: 'post', url: string, data: unknown) {
  const response = await person.page.request[method](url, { data, headers: { Origin: baseURL } });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return response.json();
}

async function befriend(a: Person, b: Person, baseURL: string) {
  await api(a, baseURL, 'post', '/api/relationships', {
    username: b.account.username,
    action: 'request',
  });
  await api(b, baseURL, 'post', '/api/relationships', {
    username: a.account.username,
    action: 'accept',
  });
}

async function publishViaApi(author: Person, baseURL: string, fields: Record<string, unknown>) {
  const draft = (await api(author, baseURL, 'post', '/api/articles', fields)) as { id: string };
  return (await api(author, baseURL, 'post', `/api/articles/${draft.id}/publish`, {})) as {
    id: string;
    slug: string;
  };
}

/** Someone signed out, in their own context. */
async function guest(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  return context.newPage();
}

/** The page's JSON-LD documents, parsed (each script holds one object or a list). */
async function jsonLdOf(page: Page): Promise<unknown[]> {
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return scripts.flatMap((text) => {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}

const typesOf = (things: unknown[]) =>
  things.map((thing) => (thing as { '@type': string })['@type']);

test('an author picks "Unlisted": a guest reads it by its link, and no list, feed, stream or sitemap shows it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  await befriend(ada, bob, base);
  const adaKey = ada.account.username.toLowerCase();
  const tag = `unl${Date.now().toString(36)}`;
  const title = `By link only ${Date.now()}`;

  await ada.page.goto('/write');
  await ada.page.getByLabel('Title').fill(title);
  await ada.page.getByLabel('Body').fill('Shared with **whoever has the link**.');
  await ada.page.getByLabel('Tags').fill(tag);
  await ada.page.getByRole('radio', { name: 'Unlisted' }).check();
  await expect(ada.page.getByRole('radio', { name: 'Unlisted' })).toBeChecked();
  await ada.page.getByRole('button', { name: 'Publish' }).click();
  await expect(ada.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const path = new URL(ada.page.url()).pathname;
  expect(path).toMatch(new RegExp(`^/u/${adaKey}/by-link-only-\\d+$`));

  const reader = await guest(browser, base);
  for (const attempt of ['rendered', 'from the page cache']) {
    const response = await reader.goto(path);
    expect(response?.status(), attempt).toBe(200);
    await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(reader.getByText('Unlisted', { exact: true })).toBeVisible();
    await expect(reader.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  }
  await expectNoSeriousA11yViolations(reader);

  // Everywhere a list is, for a guest, for the author's friend, and for the author.
  const lists: [Page, string][] = [
    [reader, '/'],
    [reader, `/u/${adaKey}`],
    [reader, `/t/${tag}`],
    [bob.page, '/'],
    [bob.page, `/u/${adaKey}`],
    [ada.page, `/u/${adaKey}`],
  ];
  for (const [page, listPath] of lists) {
    await page.goto(listPath);
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('link', { name: title }), listPath).toHaveCount(0);
  }
  for (const feedPath of [
    '/feed.xml',
    `/u/${adaKey}/feed.xml`,
    `/t/${tag}/feed.xml`,
    '/sitemap.xml',
  ]) {
    const response = await reader.request.get(feedPath);
    expect(response.status(), feedPath).toBe(200);
    const body = await response.text();
    expect(body, feedPath).not.toContain(path);
    expect(body, feedPath).not.toContain(title);
  }
  await Promise.all([ada, bob].map((person) => person.page.context().close()));
  await reader.context().close();
});

test('home, profiles and tag pages name their feeds; articles and profiles describe themselves in JSON-LD', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const adaKey = ada.account.username.toLowerCase();
  const tag = `ld${Date.now().toString(36)}`;
  // A title that would end a naive script element and run its own.
  const title = `Closing </script><script>window.pwned=1</script> tags ${Date.now()}`;
  const article = await publishViaApi(ada, base, {
    title,
    body: 'See [the tag](/t/' + tag + ').',
    tags: tag,
  });
  const reader = await guest(browser, base);
  const cspErrors: string[] = [];
  reader.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspErrors.push(message.text());
  });

  const parser = new Parser();
  for (const [pagePath, feedPath] of [
    ['/', '/feed.xml'],
    [`/u/${adaKey}`, `/u/${adaKey}/feed.xml`],
    [`/t/${tag}`, `/t/${tag}/feed.xml`],
  ] as const) {
    await reader.goto(pagePath);
    const link = reader.locator('link[rel="alternate"][type="application/rss+xml"]');
    await expect(link, pagePath).toHaveCount(1);
    expect(await link.getAttribute('href')).toBe(`${base}${feedPath}`);
    expect(await link.getAttribute('title')).toBeTruthy();
    const feed = await parser.parseString(await (await reader.request.get(feedPath)).text());
    if (pagePath !== '/') expect(feed.items.map((item) => item.guid)).toContain(article.id);
    const item = feed.items.find((entry) => entry.guid === article.id);
    if (item) expect(item['content:encoded']).toContain(`href="${base}/t/${tag}"`);
  }

  const articlePath = `/u/${adaKey}/${article.slug}`;
  // Rendered, then served whole from the page cache: the same JSON-LD, nothing executed.
  for (const attempt of ['rendered', 'from the page cache']) {
    await reader.goto(articlePath);
    await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const things = await jsonLdOf(reader);
    expect(typesOf(things), attempt).toEqual(['Article', 'BreadcrumbList']);
    expect(schemaOrgErrors(things)).toEqual([]);
    expect(things[0]).toMatchObject({ headline: title, url: `${base}${articlePath}` });
    expect(await reader.evaluate(() => 'pwned' in window)).toBe(false);
    expect(await reader.locator('script[type="application/ld+json"]').count()).toBe(1);
  }
  await reader.goto(`/u/${adaKey}`);
  const profile = await jsonLdOf(reader);
  expect(typesOf(profile)).toEqual(['Person', 'BreadcrumbList']);
  expect(schemaOrgErrors(profile)).toEqual([]);
  expect(cspErrors).toEqual([]);
  await ada.page.context().close();
  await reader.context().close();
});
