import { expect, signUpViaApi, test } from './support/fixtures';
import { checkPage } from './support/page-checks';
import { WIDE_TITLE, wideBody } from './support/wide-content';

/**
 * Every page at phone, tablet and desktop widths, in light and dark: no serious or critical axe
 * violations, a unique title and a description, and a screenshot of each kept as a test artifact.
 */

test('every page is accessible and responsive in both themes', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(600_000);
  const base = baseURL as string;
  const anonymous: [string, string][] = [
    ['/', 'home'],
    ['/signin', 'signin'],
    // Without a pending sign-in it says so (the flow itself: e2e/passkeys.spec.ts).
    ['/signin/second-step', 'signin-second-step'],
    ['/signup', 'signup'],
    [`/signup/confirm?token=${'a'.repeat(43)}`, 'signup-confirm'],
    ['/t/no-such-tag-yet', 'tag'],
    ['/definitely/not/here', 'not-found'],
    ['/status', 'status'],
  ];
  const titles = new Map<string, string>();
  for (const [path, name] of anonymous)
    titles.set(name, await checkPage(page, path, name, testInfo));

  const account = await signUpViaApi(page.request, base);
  const draft = (await (
    await page.request.post('/api/articles', {
      data: {
        // Long addresses, code lines and a wide table: no page may scroll sideways with them.
        title: WIDE_TITLE,
        body: wideBody(),
        tags: 'design, a-rather-long-tag-for-wrapping',
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
  // One update, so the article's "History" has a version to compare.
  const updated = await page.request.patch(`/api/articles/${draft.id}`, {
    data: { body: wideBody(true) },
    headers: { Origin: base },
  });
  expect(updated.ok()).toBe(true);
  // Saved to the reading list, so /saved shows a list rather than its empty state.
  const saved = await page.request.put(`/api/articles/${draft.id}/save`, {
    headers: { Origin: base },
  });
  expect(saved.ok()).toBe(true);
  const user = account.username.toLowerCase();
  const signedIn: [string, string][] = [
    ['/', 'home-signed-in'],
    [`/u/${user}`, 'profile'],
    [`/u/${user}/${article.slug}`, 'article'],
    ['/write', 'write'],
    [`/write/${draft.id}`, 'edit'],
    [`/write/${draft.id}/history`, 'history'],
    ['/friends', 'friends'],
    ['/dashboard', 'dashboard'],
    ['/notifications', 'notifications'],
    ['/saved', 'saved'],
    ['/settings', 'settings'],
    // Results for a word of the article above: people, tags and articles, with a snippet.
    ['/search?q=design', 'search'],
  ];
  // The editor is checked once its preview shows the wide content (it follows the body).
  const previewShown = async (shown: typeof page) =>
    expect(shown.getByRole('region', { name: 'Preview' }).locator('table')).toBeVisible();
  for (const [path, name] of signedIn)
    titles.set(
      name,
      await checkPage(page, path, name, testInfo, name === 'edit' ? previewShown : undefined),
    );
  const distinct = new Set(
    [...titles.entries()]
      .filter(([name]) => !['home-signed-in', 'edit'].includes(name))
      .map(([, title]) => title),
  );
  expect(distinct.size).toBe(titles.size - 2);
});
