import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, test, type Person } from './support/fixtures';

test('a friend’s article reaches the stream; a like reaches the author’s notifications', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const post = (who: Person, url: string, data: unknown) =>
    who.page.request.post(url, { data, headers: { Origin: base } });
  expect(
    (
      await post(ada, '/api/relationships', { username: bob.account.username, action: 'request' })
    ).ok(),
  ).toBe(true);
  expect(
    (
      await post(bob, '/api/relationships', { username: ada.account.username, action: 'accept' })
    ).ok(),
  ).toBe(true);

  await bob.page.goto('/');
  await expect(bob.page.getByRole('heading', { name: 'From your friends' })).toBeVisible();
  await expectNoSeriousA11yViolations(bob.page);

  const title = `Fresh from Ada ${Date.now()}`;
  const draft = (await (
    await post(ada, '/api/articles', { title, body: 'Hello, friends.' })
  ).json()) as { id: string };
  expect((await post(ada, `/api/articles/${draft.id}/publish`, {})).ok()).toBe(true);

  const stream = bob.page.getByRole('list', { name: 'Your stream' });
  await expect(async () => {
    await bob.page.goto('/');
    await expect(stream.getByRole('link', { name: title })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await expect(stream.getByText(/published/).first()).toBeVisible();

  await stream.getByRole('link', { name: title }).click();
  await Promise.all([
    bob.page.waitForResponse((response) => response.url().endsWith('/like') && response.ok()),
    bob.page.getByRole('button', { name: 'Like' }).click(),
  ]);
  await expect(bob.page.getByText('1 like', { exact: true })).toBeVisible();

  await expect(async () => {
    await ada.page.goto('/notifications');
    await expect(ada.page.getByRole('list', { name: 'Notifications' })).toContainText(
      `${bob.account.username} liked your article ${title}.`,
      { timeout: 500 },
    );
  }).toPass({ timeout: 5_000 });
  await ada.page.goto('/');
  await expect(ada.page.getByRole('list', { name: 'Your stream' })).toContainText(
    `${bob.account.username} liked ${title}`,
  );
  for (const someone of [ada, bob]) await someone.page.context().close();
});
