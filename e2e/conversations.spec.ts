import type { Page } from '@playwright/test';
import { expect, newPerson, test, type Person } from './support/fixtures';
import { checkPage } from './support/page-checks';
import { api, publishViaApi } from './support/people';
import { XSS_PAYLOADS } from './support/xss-payloads';

/** Issue 20.6 "Conversations": replies to replies, reply notifications, Markdown in comments. */

async function comment(
  person: Person,
  base: string,
  articleId: string,
  body: string,
  parentId?: string,
) {
  return (await api(person.page, base, 'post', `/api/articles/${articleId}/comments`, {
    body,
    parentId,
  })) as { id: string };
}

/** Tabs forward from where focus is until `name` has it (reading order), at most `limit` times. */
async function tabTo(page: Page, name: RegExp, limit = 15) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (name.test(focused)) return;
  }
  throw new Error(`no ${name} within ${limit} tabs`);
}

test('a reply to a reply, by keyboard, shown three levels deep; the person replied to is told and led to it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const [ada, bob, cat] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  const title = `Conversations ${Date.now()}`;
  const article = await publishViaApi(ada, base, { title, body: 'Talk to me.' });
  const path = `/u/${ada.account.username.toLowerCase()}/${article.slug}`;
  const first = await comment(bob, base, article.id, 'Level one');
  const second = await comment(cat, base, article.id, 'Level two', first.id);
  let third = '';

  await test.step('Tab reaches "Reply" after the reply it answers, and the answer is posted', async () => {
    await bob.page.goto(path);
    const reply = bob.page.getByRole('article', {
      name: new RegExp(`^Reply by ${cat.account.username}`),
    });
    await expect(reply).toContainText('Level two');
    await reply.focus();
    await tabTo(bob.page, /^Reply to /);
    await expect(bob.page.locator(':focus')).toHaveAccessibleName(
      `Reply to ${cat.account.username}`,
    );
    await bob.page.keyboard.press('Enter');
    const field = bob.page.getByLabel(`Reply to ${cat.account.username}`);
    await expect(field).toBeFocused();
    await bob.page.keyboard.type(
      'Level *three* with `some code` and [a link](https://example.com/docs)',
    );
    await tabTo(bob.page, /^Post reply$/);
    await bob.page.keyboard.press('Enter');
    const posted = bob.page.getByRole('article', {
      name: new RegExp(`^Reply by ${bob.account.username}`),
    });
    await expect(posted).toContainText('Level three');
    // Focus moves to the reply just posted.
    await expect(posted).toBeFocused();
    third = ((await posted.getAttribute('id')) ?? '').replace('comment-', '');
    expect(third).toMatch(/^[a-f0-9]{24}$/);
  });

  await test.step('the thread nests three levels in the page, each indented further', async () => {
    await bob.page.reload();
    const levels = [first.id, second.id, third].map((id) => bob.page.locator(`#comment-${id}`));
    // Each reply sits in the replies list of the item holding the comment it answers.
    const nested = bob.page.locator(
      `ul[aria-label="Comments"] > li:has(> #comment-${first.id}) > ul > li:has(> #comment-${second.id}) > ul > li > #comment-${third}`,
    );
    await expect(nested).toHaveCount(1);
    const lefts = await Promise.all(
      levels.map(async (level) => (await level.boundingBox())?.x ?? 0),
    );
    expect(lefts[1]).toBeGreaterThan(lefts[0] as number);
    expect(lefts[2]).toBeGreaterThan(lefts[1] as number);
    for (const level of levels)
      await expect(level).toHaveAttribute('data-author-id', /^[a-f0-9]{24}$/);
  });

  await test.step('Markdown shows as emphasis, code and a link for others', async () => {
    await ada.page.goto(path);
    const reply = ada.page.locator(`#comment-${third}`);
    await expect(reply.locator('em')).toHaveText('three');
    await expect(reply.locator('code')).toHaveText('some code');
    const link = reply.getByRole('link', { name: 'a link' });
    await expect(link).toHaveAttribute('href', 'https://example.com/docs');
    await expect(link).toHaveAttribute('rel', 'nofollow noopener ugc');
  });

  await test.step('the person replied to is notified, and the link opens the reply', async () => {
    await expect(async () => {
      await cat.page.goto('/notifications');
      await expect(
        cat.page.getByRole('listitem').filter({ hasText: `replied to your comment on ${title}` }),
      ).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await cat.page
      .getByRole('listitem')
      .filter({ hasText: `${bob.account.username} replied to your comment on` })
      .getByRole('link', { name: title })
      .click();
    await expect(cat.page).toHaveURL(new RegExp(`#comment-${third}$`));
    const target = cat.page.locator(`#comment-${third}`);
    await expect(target).toHaveAttribute('data-highlight', 'true');
    await expect(target).toBeFocused();
  });
  for (const someone of [ada, bob, cat]) await someone.page.context().close();
});

test('comments with script payloads stay inert; long code scrolls in its own box; the page passes its checks', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const dialogs: string[] = [];
  bob.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const article = await publishViaApi(ada, base, {
    title: `Hostile talk ${Date.now()}`,
    body: 'Hi.',
  });
  const path = `/u/${ada.account.username.toLowerCase()}/${article.slug}`;
  const top = await comment(bob, base, article.id, XSS_PAYLOADS.slice(0, 12).join('\n\n'));
  const nested = await comment(
    ada,
    base,
    article.id,
    XSS_PAYLOADS.slice(12, 30).join('\n'),
    top.id,
  );
  await comment(
    bob,
    base,
    article.id,
    `Long line:\n\n\`\`\`\n${'const aVeryLongIdentifier = 1; '.repeat(20)}\n\`\`\``,
    nested.id,
  );
  await bob.page.goto(path);
  await expect(bob.page.locator(`#comment-${top.id}`)).toContainText(
    '<script>window.__xss=1</script>',
  );
  await bob.page.mouse.move(200, 300);
  await bob.page.waitForTimeout(200);
  expect(
    await bob.page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
  const section = bob.page.getByRole('region', { name: /^Comments/ });
  await expect(
    section.locator(
      'script, iframe, object, embed, img:not([src^="/media/"]), svg[onload], [onerror], [onclick]',
    ),
  ).toHaveCount(0);
  await checkPage(bob.page, path, 'conversation', testInfo);
  for (const someone of [ada, bob]) await someone.page.context().close();
});
