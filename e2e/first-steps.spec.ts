import type { Page, TestInfo } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, signInViaUi, signUpViaApi, test, uniqueName } from './support/fixtures';

/** What a new person trips over (issue 24, points 8 and 9). */

const WIDTHS = [390, 1280] as const;

/** Screenshots of what the page shows now, light and dark, kept with the test's artifacts. */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const path = testInfo.outputPath(`${name}-${colorScheme}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${name}-${colorScheme}`, { path, contentType: 'image/png' });
  }
}

/** Next's client navigations fetch the next page's RSC payload: make them slow, no prefetches. */
async function slowNavigations(page: Page, delayMs: number): Promise<void> {
  await page.route('**/*', async (route) => {
    const headers = route.request().headers();
    if (headers['next-router-prefetch']) return route.abort();
    if (headers.rsc) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return route.fallback();
  });
}

async function publish(page: Page, base: string, title: string, body: string) {
  const draft = (await (
    await page.request.post('/api/articles', { data: { title, body }, headers: { Origin: base } })
  ).json()) as { id: string };
  const published = await page.request.post(`/api/articles/${draft.id}/publish`, {
    data: {},
    headers: { Origin: base },
  });
  expect(published.ok(), await published.text()).toBe(true);
  return (await published.json()) as { slug: string };
}

test.describe('a slow connection', () => {
  for (const width of WIDTHS) {
    test(`shows a progress bar while the next page loads (${width} px)`, async ({
      page,
    }, testInfo) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          violations.push(message.text());
      });
      await page.setViewportSize({ width, height: 800 });
      await slowNavigations(page, 3_000);
      await page.goto('/');
      const progress = page.getByRole('progressbar', { name: 'Loading page' });
      await expect(progress).toHaveCount(0);
      await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
      await expect(progress).toBeVisible();
      await expect(page).toHaveURL(/\/$/);
      await shoot(page, testInfo, `navigation-progress-${width}`);
      await expect(page).toHaveURL(/\/signin$/, { timeout: 10_000 });
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(progress).toHaveCount(0);
      // A jump within the page loads nothing: no bar.
      await page.evaluate(() => {
        const link = document.createElement('a');
        link.href = '#main';
        link.textContent = 'jump';
        document.body.append(link);
        link.click();
      });
      await expect(progress).toHaveCount(0);
      expect(violations).toEqual([]);
    });
  }

  test('keeps the bar still for people who ask for less motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await slowNavigations(page, 3_000);
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click();
    const progress = page.getByRole('progressbar', { name: 'Loading page' });
    await expect(progress).toBeVisible();
    const duration = await progress
      .locator('div')
      .evaluate((fill) => parseFloat(getComputedStyle(fill).animationDuration));
    expect(duration).toBeLessThan(0.001);
    await expect(page).toHaveURL(/\/signup$/, { timeout: 10_000 });
    await expect(progress).toHaveCount(0);
  });

  test('a form’s button says it is busy until the answer comes', async ({ page, baseURL }) => {
    const account = await signUpViaApi(page.request, baseURL as string);
    await page.context().clearCookies();
    // The sign-in form posts to /api/sessions (Auth.js's own routes may follow): hold both.
    await page.route(/\/api\/(auth\/|sessions$)/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return route.fallback();
    });
    await page.goto('/signin');
    await page.getByLabel('Email or username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    const button = page.getByRole('button', { name: 'Sign in', exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toBeDisabled();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  });
});

test.describe('words and details', () => {
  test('a new person is welcomed, a returning one welcomed back', async ({
    browser,
    baseURL,
  }, testInfo) => {
    const { page, account } = await newPerson(browser, baseURL as string);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Welcome to Inkwell, ${account.username}`,
    );
    await shoot(page, testInfo, 'home-newcomer');
    await page.context().clearCookies();
    await signInViaUi(page, account.username);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Welcome back, ${account.username}`,
    );
    await page.context().close();
  });

  test('a guest’s home names what it shows', async ({ page }, testInfo) => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest stories');
      await expect(page.getByText('Stories from people you follow')).toHaveCount(0);
      await shoot(page, testInfo, `home-guest-${width}`);
    }
  });

  test('times are relative, with the exact time in the reader’s zone on hover', async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const timezoneId = 'America/New_York';
    const context = await browser.newContext({ baseURL: base, timezoneId });
    const page = await context.newPage();
    const account = await signUpViaApi(page.request, base);
    await publish(page, base, `Timely ${uniqueName('t')}`, 'Fresh from the press.');
    const profile = `/u/${account.username.toLowerCase()}`;
    // The page as kept and shared carries no relative text (it would be wrong later, for others).
    const html = await (await page.request.get(profile)).text();
    expect(html).not.toMatch(/just now|minutes? ago/);
    await page.goto(profile);
    const time = page.getByRole('article').first().locator('time');
    await expect(time).toHaveText(/^(just now|\d+ minutes? ago|1 minute ago)$/);
    const iso = (await time.getAttribute('datetime')) as string;
    const local = new Intl.DateTimeFormat('en', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: timezoneId,
    }).format(new Date(iso));
    await expect(time).toHaveAttribute('title', local);
    expect(local).not.toContain('UTC');
    await context.close();
  });

  test('excerpts are plain prose: list items apart, no Markdown syntax', async ({
    page,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(page.request, base);
    const title = `Excerpted ${uniqueName('e')}`;
    await publish(
      page,
      base,
      title,
      'Before you start:\n\n- install it\n- run `npm test`\n\nThen **enjoy** [the docs](https://example.com).',
    );
    await page.goto(`/u/${account.username.toLowerCase()}`);
    const card = page.getByRole('article').filter({ hasText: title });
    await expect(card.locator('p').filter({ hasText: 'Before you start' })).toHaveText(
      'Before you start: install it run npm test Then enjoy the docs.',
    );
  });

  test('"Service status" opens a page for people; machines keep their JSON', async ({
    page,
    request,
  }, testInfo) => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await page.getByRole('contentinfo').getByRole('link', { name: 'Service status' }).click();
      await expect(page).toHaveURL(/\/status$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service status');
      await expect(page.getByRole('status')).toHaveText('Inkwell is working normally.');
      await expect(page).toHaveTitle('Service status · Inkwell');
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await expectNoSeriousA11yViolations(page);
      }
      await shoot(page, testInfo, `status-${width}`);
    }
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  test('the request-cost panel waits under "Advanced", in plain words', async ({
    page,
    baseURL,
  }, testInfo) => {
    await signUpViaApi(page.request, baseURL as string);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/settings');
      const toggle = page.getByLabel(/Show what each page cost the servers/);
      await expect(toggle).toBeHidden();
      await expect(page.getByRole('main')).not.toContainText(/MongoDB|Redis/);
      await page.getByText('Advanced', { exact: true }).click();
      await expect(toggle).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Request cost panel' })).toBeVisible();
      await expect(page.getByRole('main')).not.toContainText(/MongoDB|Redis/);
      await page.getByText('Advanced', { exact: true }).scrollIntoViewIfNeeded();
      await shoot(page, testInfo, `settings-advanced-${width}`);
    }
  });
});
