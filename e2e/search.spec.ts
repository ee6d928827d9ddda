import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startAppServer, type RunningApp } from '../scripts/lib/app-server';
import { freePort } from '../scripts/lib/processes';
import { startSearchEngine, type RunningSearchEngine } from '../scripts/lib/search-engine';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, randomClientIp, test, type Person } from './support/fixtures';
import { api, befriend, publishViaApi } from './support/people';

/** A word nothing else in the run contains. */
const word = () => `zq${randomBytes(5).toString('hex')}`;

/** The titles /search lists under "Articles" for whoever `page` is. */
async function articleTitles(page: Page, q: string): Promise<string[]> {
  await page.goto(`/search?q=${encodeURIComponent(q)}`);
  const results = page.getByRole('region', { name: /^Articles/ });
  await expect(results).toBeVisible();
  return results.getByRole('heading', { level: 3 }).allInnerTexts();
}

test.describe('search', () => {
  test('finds an article from the header: suggestions by keyboard, results grouped by kind', async ({
    browser,
    baseURL,
    page,
  }) => {
    const author = await newPerson(browser, baseURL as string);
    const [term, tag] = [word(), word().slice(0, 10)];
    const title = `Sourdough ${term}`;
    await publishViaApi(author, baseURL as string, {
      title,
      body: `A long story about the ${term} starter, kept warm overnight.`,
      tags: [tag],
    });
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search' });
    await expect(async () => {
      await box.fill('');
      await box.fill(term.slice(0, 8));
      await expect(page.getByRole('option', { name: new RegExp(title) })).toBeVisible({
        timeout: 2_000,
      });
    }).toPass({ timeout: 15_000 });
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expectNoSeriousA11yViolations(page);
    const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    const count = await options.count();
    for (let index = 0; index < count; index += 1) await box.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
    await expect(options.nth(count - 1)).toHaveAttribute('aria-selected', 'true');
    await box.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await box.fill(term);
    await expect(page.getByRole('option', { name: new RegExp(title) })).toBeVisible();
    const index = await options.evaluateAll(
      (nodes, wanted) => nodes.findIndex((node) => node.textContent?.includes(wanted)),
      title,
    );
    for (let step = 0; step <= index; step += 1) await box.press('ArrowDown');
    await box.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

    await page.goto('/');
    await page.getByRole('combobox', { name: 'Search' }).fill(tag);
    await page.getByRole('combobox', { name: 'Search' }).press('Enter');
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${tag}`));
    await expect(page.getByRole('region', { name: 'Tags' }).getByRole('link')).toHaveText(
      `#${tag} (1)`,
    );
    const articles = page.getByRole('region', { name: 'Articles (1)' });
    await expect(articles.getByRole('link', { name: title })).toBeVisible();
    await page.goto(`/search?q=${term}`);
    await expect(page.locator('mark').first()).toHaveText(term);
    await expectNoSeriousA11yViolations(page);
    await page.goto(`/search?q=${term}&tag=other-tag`);
    await expect(page.getByRole('region', { name: 'Articles (0)' })).toBeVisible();
    await page.goto(`/search?author=${author.account.username}`);
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });

  test('works without JavaScript: the header box is a plain form', async ({ browser, baseURL }) => {
    const author = await newPerson(browser, baseURL as string);
    const term = word();
    await publishViaApi(author, baseURL as string, { title: `Plain ${term}`, body: 'Words.' });
    const context = await browser.newContext({
      baseURL,
      javaScriptEnabled: false,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Search' }).fill(term);
    await page.getByRole('combobox', { name: 'Search' }).press('Enter');
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole('link', { name: `Plain ${term}` })).toBeVisible();
    await page.getByLabel('Tag').fill('nothing-here');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Articles (0)' })).toBeVisible();
    await context.close();
  });

  test('the visibility matrix: friends-only for friends and the owner, drafts and unlisted for nobody', async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const people: Record<'owner' | 'friend' | 'stranger' | 'blocked', Person> = {
      owner: await newPerson(browser, base),
      friend: await newPerson(browser, base),
      stranger: await newPerson(browser, base),
      blocked: await newPerson(browser, base),
    };
    await befriend(people.owner, people.friend, base);
    await befriend(people.owner, people.blocked, base);
    await api(people.owner.page, base, 'post', '/api/relationships', {
      username: people.blocked.account.username,
      action: 'block',
    });
    const term = word();
    const friendsOnly = `Friends ${term}`;
    const publicOne = `Public ${term}`;
    await publishViaApi(people.owner, base, {
      title: friendsOnly,
      body: 'x',
      visibility: 'friends',
    });
    await publishViaApi(people.owner, base, { title: publicOne, body: 'x' });
    await publishViaApi(people.owner, base, {
      title: `Unlisted ${term}`,
      body: 'x',
      visibility: 'unlisted',
    });
    await api(people.owner.page, base, 'post', '/api/articles', {
      title: `Draft ${term}`,
      body: 'x',
    });
    const anonymous = await browser.newPage({ baseURL: base });
    const expected: [Page, string[]][] = [
      [people.owner.page, [friendsOnly, publicOne]],
      [people.friend.page, [friendsOnly, publicOne]],
      [people.stranger.page, [publicOne]],
      // A block hides the owner's work from the person blocked, as in their stream.
      [people.blocked.page, []],
      [anonymous, [publicOne]],
    ];
    for (const [page, titles] of expected) {
      await expect
        .poll(async () => (await articleTitles(page, term)).sort(), { timeout: 15_000 })
        .toEqual([...titles].sort());
    }
    // Suggestions follow the same rules.
    const suggested = await people.stranger.page.request.get(`/api/search/suggestions?q=${term}`);
    expect(JSON.stringify(await suggested.json())).not.toContain(friendsOnly);
    await anonymous.close();
  });

  test('a deleted or unpublished article leaves the results within seconds', async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const author = await newPerson(browser, base);
    const term = word();
    const gone = await publishViaApi(author, base, { title: `Gone ${term}`, body: 'x' });
    const back = await publishViaApi(author, base, { title: `Drafted ${term}`, body: 'x' });
    await expect.poll(() => articleTitles(author.page, term), { timeout: 15_000 }).toHaveLength(2);
    const deleted = await author.page.request.delete(`/api/articles/${gone.id}`, {
      headers: { Origin: base },
    });
    expect(deleted.ok()).toBe(true);
    await api(author.page, base, 'post', `/api/articles/${back.id}/unpublish`, {});
    const started = Date.now();
    await expect.poll(() => articleTitles(author.page, term), { timeout: 10_000 }).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

test.describe('search with its engine down', () => {
  test.describe.configure({ mode: 'serial' });
  let scratch: string;
  let engine: RunningSearchEngine;
  let app: RunningApp;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-search-down-'));
    engine = await startSearchEngine({ dir: scratch });
    const uri = new URL(process.env.MONGODB_URI as string);
    uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_search_down`;
    app = await startAppServer({
      port: await freePort(),
      instanceName: 'search-down-1',
      env: {
        MONGODB_URI: uri.toString(),
        REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}search-down:`,
        SEARCH_URL: engine.url,
        TRUST_PROXY: 'loopback',
      },
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await engine?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('says so on /search while everything else works, and recovers', async ({ browser }) => {
    const author = await newPerson(browser, app.url);
    const term = word();
    const article = await publishViaApi(author, app.url, { title: `Kept ${term}`, body: 'x' });
    await expect.poll(() => articleTitles(author.page, term), { timeout: 15_000 }).toHaveLength(1);
    await engine.stop();
    await author.page.goto(`/search?q=${term}`);
    await expect(author.page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
    await expect(author.page.getByRole('main').getByRole('alert')).toHaveText(
      'Search is unavailable right now. Everything else works; please try again in a moment.',
    );
    await author.page.goto('/');
    await expect(author.page.getByRole('link', { name: `Kept ${term}` })).toBeVisible();
    const articlePage = await author.page.goto(
      `/u/${author.account.username.toLowerCase()}/${article.slug}`,
    );
    expect(articlePage?.status()).toBe(200);
    engine = await startSearchEngine({ dir: scratch, port: engine.port });
    await expect.poll(() => articleTitles(author.page, term), { timeout: 15_000 }).toHaveLength(1);
  });
});
