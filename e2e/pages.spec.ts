import { expect, signUpViaApi, test } from './support/fixtures';
import { checkPage } from './support/page-checks';

/**
 * Every page at phone, tablet and desktop widths, in light and dark: no serious or critical axe
 * violations, a unique title and a description, and a screenshot of each kept as a test artifact.
 */

test('every page is accessible and responsive in both themes', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
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
  // One update, so the article's "History" has a version to compare.
  const updated = await page.request.patch(`/api/articles/${draft.id}`, {
    data: { body: '## Section\n\nSome *prose*, revised, and `code`.\n\n> A quote.' },
    headers: { Origin: base },
  });
  expect(updated.ok()).toBe(true);
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
