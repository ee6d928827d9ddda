import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/**
 * No serious or critical axe violations on the page as it is now: every WCAG 2.0, 2.1 and 2.2
 * A/AA rule, and label-content-name-mismatch (WCAG 2.5.3, a control's accessible name contains its
 * visible text), which axe ships as experimental and does not run unless asked.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // Next may stream a dynamic page's metadata after its body: check the settled document.
  await page.waitForFunction(() => document.title.length > 0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** Saves a full-page screenshot as a test artifact, in light or dark mode. */
export async function screenshotInBothThemes(
  page: Page,
  testInfo: TestInfo,
  name: string,
): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(() => localStorage.removeItem('theme'));
    await page.reload();
    const path = testInfo.outputPath(`${name}-${colorScheme}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${colorScheme}`, { path, contentType: 'image/png' });
  }
}
