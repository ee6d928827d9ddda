import type { Page, TestInfo } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect } from './fixtures';

const WIDTHS = [360, 768, 1280] as const;

/**
 * One page at phone, tablet and desktop widths, in light and dark: no serious or critical axe
 * violations, nothing overflowing sideways, one title and a description, and a screenshot of
 * each kept as a test artifact. `ready` waits for what the page shows after it loads (a preview).
 * Returns the title.
 */
export async function checkPage(
  page: Page,
  path: string,
  name: string,
  testInfo: TestInfo,
  ready?: (page: Page) => Promise<void>,
) {
  const titles = new Set<string>();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.evaluate(() => localStorage.removeItem('theme'));
      await ready?.(page);
      if (width === 1280 || width === 360) await expectNoSeriousA11yViolations(page);
      // Nothing may overflow sideways on a phone.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} overflows at ${width}px`).toBeLessThanOrEqual(1);
      const file = testInfo.outputPath(`${name}-${width}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`${name}-${width}-${colorScheme}`, {
        path: file,
        contentType: 'image/png',
      });
      titles.add(await page.title());
    }
  }
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
  expect(titles.size).toBe(1);
  return [...titles][0] as string;
}
