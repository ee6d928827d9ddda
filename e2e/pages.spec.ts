import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, signUpViaApi, test } from './support/fixtures';

/**
 * Every page at phone, tablet and desktop widths, in light and dark: no serious or critical axe
 * violations, a unique title and a description, and a screenshot of each kept as a test artifact.
 */
const WIDTHS = [360, 768, 1280] as const;

async function checkPage(
  page: Page,
  path: string,
  name: string,
  testInfo: import('@playwright/test').TestInfo,
) {
  const titles = new Set<string>();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.evaluate(() => localStorage.removeItem('theme'));
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

test('every page is accessible and responsive in both themes', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const anonymous: [string, string][] = [
    ['/', 'home'],
    ['/signin', 'signin'],
    ['/signup', 'signup'],
    ['/t/no-such-tag-yet', 'tag'],
    ['/definitely/not/here', 'not-found'],
  ];
  const titles = new Map<string, string>();
  for (const [path, name] of anonymous)
    titles.set(name, await checkPage(page, path, name, testInfo));

  const account = await signUpViaApi(page.request, base);
  const draft = (await (
    await page.request.post('/api/articles', {
      data: {
        title: 'A page to look at',
        body: '## Section\n\nSome *prose* and `code`.\n\n> A quote.',
        tags: 'design',
      },
      headers: { Origin: base },
    })
  ).json()) as { id: string };
  const article = (await (
    await page.request.post(`/api/articles/${draft.id}/publish`, {
      data: {},
      headers: { Origin: base },
    })
  ).json()) as {
    slug: string;
  };
  const user = account.username.toLowerCase();
  const signedIn: [string, string][] = [
    ['/', 'home-signed-in'],
    [`/u/${user}`, 'profile'],
    [`/u/${user}/${article.slug}`, 'article'],
    ['/write', 'write'],
    [`/write/${draft.id}`, 'edit'],
    ['/friends', 'friends'],
    ['/notifications', 'notifications'],
    ['/settings', 'settings'],
  ];
  for (const [path, name] of signedIn)
    titles.set(name, await checkPage(page, path, name, testInfo));
  const distinct = new Set(
    [...titles.entries()]
      .filter(([name]) => !['home-signed-in', 'edit'].includes(name))
      .map(([, title]) => title),
  );
  expect(distinct.size).toBe(titles.size - 2);
});
