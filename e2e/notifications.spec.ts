import { expect, newPerson, test } from './support/fixtures';
import { api, publishViaApi } from './support/people';

/** Issue 24.6: the bell follows without a page load; opening the page reads; links reach the comment. */
test('the bell updates by itself, opening notifications marks them read, a comment link shows the comment', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const article = await publishViaApi(ada, base, {
    title: 'Worth a comment',
    body: Array.from({ length: 40 }, (_, index) => `Paragraph ${index + 1}.`).join('\n\n'),
  });
  await ada.page.goto('/settings');
  const bell = ada.page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications');

  const comment = (await api(bob.page, base, 'post', `/api/articles/${article.id}/comments`, {
    body: 'A comment worth finding.',
  })) as { id: string };

  await test.step('the bell counts it without a page load', async () => {
    // The bell asks every minute while the page is visible, and whenever it becomes visible again.
    await expect(async () => {
      await ada.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect(bell).toHaveAccessibleName('Notifications, 1 unread', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  });

  await test.step('opening the page marks it read, and the bell follows', async () => {
    await bell.click();
    await expect(ada.page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    const item = ada.page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    // Shown as new this time…
    await expect(item.first()).toContainText('(unread)');
    await expect(bell).toHaveAccessibleName('Notifications');
    await ada.page.reload();
    // …and read from then on.
    await expect(item.first()).not.toContainText('(unread)');
    await expect(ada.page.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0);
  });

  await test.step('the link opens the article at the comment, highlighted', async () => {
    await ada.page.getByRole('link', { name: 'Worth a comment' }).click();
    await expect(ada.page).toHaveURL(new RegExp(`#comment-${comment.id}$`));
    const target = ada.page.locator(`#comment-${comment.id}`);
    await expect(target).toHaveAttribute('data-highlight', 'true');
    await expect(target).toBeInViewport();
    await expect(target).toBeFocused();
  });
  for (const someone of [ada, bob]) await someone.page.context().close();
});
