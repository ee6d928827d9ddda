import type { Page, TestInfo } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, test } from './support/fixtures';
import { WIDE_TITLE, wideBody } from './support/wide-content';

/**
 * Issue 24.3: long code lines, long addresses and wide tables scroll inside their own box; no page
 * showing them scrolls sideways on a phone (360 and 390 px), and nothing is cut off at 1280 px.
 * The screenshots are kept with the test, light and dark (the page checks keep every page's).
 */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

async function look(page: Page, name: string, testInfo: TestInfo, ready?: () => Promise<void>) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // The theme follows the system's at load: load again in this scheme.
    await page.reload();
    for (const width of [360, 390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await ready?.();
      expect(await sideways(page), `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(1);
      const file = testInfo.outputPath(`${name}-${width}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`${name}-${width}-${colorScheme}`, {
        path: file,
        contentType: 'image/png',
      });
    }
  }
}

test('wide code, tables and long addresses scroll in their own box on every page', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const { page } = ada;
  const post = async (url: string, data: unknown, method: 'post' | 'patch' = 'post') => {
    const response = await page.request[method](url, { data, headers: { Origin: base } });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as { id: string; slug: string };
  };
  const draft = await post('/api/articles', { title: WIDE_TITLE, body: wideBody() });
  const article = await post(`/api/articles/${draft.id}/publish`, {});
  await post(`/api/articles/${draft.id}`, { body: wideBody(true) }, 'patch');
  const user = ada.account.username.toLowerCase();

  await test.step('the article: code and the table scroll inside their boxes, by keyboard too', async () => {
    await page.goto(`/u/${user}/${article.slug}`);
    const code = page.locator('article pre, main pre').first();
    const table = page.getByRole('region', { name: 'Table' }).first();
    for (const box of [code, table]) {
      await expect(box).toHaveAttribute('tabindex', '0');
      const { scroll, client } = await box.evaluate((element) => ({
        scroll: element.scrollWidth,
        client: element.clientWidth,
      }));
      // At 1280 px too the code line is longer than its box: it scrolls rather than wraps.
      if (box === code) expect(scroll).toBeGreaterThan(client);
    }
    await look(page, 'wide-article', testInfo);
    await page.setViewportSize({ width: 360, height: 900 });
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('the editor and its preview', async () => {
    await page.goto(`/write/${draft.id}`);
    const preview = page.getByRole('region', { name: 'Preview' });
    await look(page, 'wide-editor', testInfo, () => expect(preview.locator('table')).toBeVisible());
    await page.setViewportSize({ width: 360, height: 900 });
    await expectNoSeriousA11yViolations(page);
  });

  for (const [path, name] of [
    ['/', 'wide-home'],
    [`/u/${user}`, 'wide-profile'],
    ['/dashboard', 'wide-dashboard'],
    [`/write/${draft.id}/history`, 'wide-history'],
  ] as const) {
    await test.step(name, async () => {
      await page.goto(path);
      await look(page, name, testInfo);
    });
  }
});
