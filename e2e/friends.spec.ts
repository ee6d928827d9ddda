import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, test, type Person, type TestAccount } from './support/fixtures';

async function befriend(a: Person, b: Person, baseURL: string) {
  const post = (page: Page, username: string, action: string) =>
    page.request.post('/api/relationships', {
      data: { username, action },
      headers: { Origin: baseURL },
    });
  expect((await post(a.page, b.account.username, 'request')).status()).toBe(200);
  expect((await post(b.page, a.account.username, 'accept')).status()).toBe(200);
}

test('two people become friends in the browser, see each other and their mutual friend, then one unfriends', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const [ada, bob, cat] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  await befriend(cat, ada, base);
  await befriend(cat, bob, base);
  // Start with empty bells: the set-up requests above notified people too.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const someone of [ada, bob, cat]) {
    await someone.page.request.post('/api/notifications/read', { headers: { Origin: base } });
  }
  const profileOf = (account: TestAccount) => `/u/${account.username.toLowerCase()}`;

  await test.step('Ada asks Bob from his profile', async () => {
    await ada.page.goto(profileOf(bob.account));
    await Promise.all([
      ada.page.waitForResponse(
        (response) => response.url().endsWith('/api/relationships') && response.ok(),
      ),
      ada.page.getByRole('button', { name: 'Add friend' }).click(),
    ]);
    // The profile has two status regions now (friendship and Mute): the friendship's speaks.
    await expect(
      ada.page
        .getByRole('main')
        .getByRole('status')
        .filter({ hasText: /^Friend request sent\.$/ }),
    ).toBeVisible();
    await expect(ada.page.getByRole('button', { name: 'Cancel request' })).toBeVisible();
  });

  await test.step('Bob is notified and accepts on /friends', async () => {
    await expect(async () => {
      await bob.page.goto('/friends');
      await expect(bob.page.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 10_000 });
    await expectNoSeriousA11yViolations(bob.page);
    const requests = bob.page.getByRole('list', { name: 'Friend requests' });
    await expect(requests.getByRole('link', { name: ada.account.username })).toBeVisible();
    await Promise.all([
      bob.page.waitForResponse(
        (response) => response.url().endsWith('/api/relationships') && response.ok(),
      ),
      requests.getByRole('button', { name: `Accept ${ada.account.username}` }).click(),
    ]);
    await expect(
      requests.getByRole('button', { name: `Accept ${ada.account.username}` }),
    ).toBeHidden();
    await bob.page.goto('/notifications');
    await expect(bob.page.getByRole('list', { name: 'Notifications' })).toContainText(
      `${ada.account.username} sent you a friend request.`,
    );
    await expectNoSeriousA11yViolations(bob.page);
    await bob.page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(bob.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  });

  await test.step('each sees the other in /friends and their mutual friend on the other’s profile', async () => {
    await bob.page.goto('/friends');
    await expect(
      bob.page
        .getByRole('list', { name: 'Your friends' })
        .getByRole('link', { name: ada.account.username }),
    ).toBeVisible();
    await ada.page.goto('/friends');
    await expect(
      ada.page
        .getByRole('list', { name: 'Your friends' })
        .getByRole('link', { name: bob.account.username }),
    ).toBeVisible();

    await ada.page.goto(profileOf(bob.account));
    // The profile has two status regions now (friendship and Mute): the friendship's speaks.
    await expect(
      ada.page
        .getByRole('main')
        .getByRole('status')
        .filter({ hasText: /^You are friends\.$/ }),
    ).toBeVisible();
    await expect(
      ada.page
        .getByRole('list', { name: 'Mutual friends' })
        .getByRole('link', { name: cat.account.username }),
    ).toBeVisible();
    await bob.page.goto(profileOf(ada.account));
    await expect(
      bob.page
        .getByRole('list', { name: 'Mutual friends' })
        .getByRole('link', { name: cat.account.username }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(bob.page);

    await expect(async () => {
      await ada.page.goto('/notifications');
      await expect(ada.page.getByRole('list', { name: 'Notifications' })).toContainText(
        `${bob.account.username} accepted your friend request.`,
        { timeout: 1_000 },
      );
    }).toPass({ timeout: 10_000 });
  });

  await test.step('Ada unfriends Bob; neither lists the other any more', async () => {
    await ada.page.goto(profileOf(bob.account));
    // The button changes at once (optimistic update); wait for the server to confirm.
    await Promise.all([
      ada.page.waitForResponse(
        (response) => response.url().endsWith('/api/relationships') && response.ok(),
      ),
      ada.page.getByRole('button', { name: 'Unfriend' }).click(),
    ]);
    await expect(ada.page.getByRole('button', { name: 'Add friend' })).toBeVisible();
    await bob.page.goto('/friends');
    await expect(
      bob.page
        .getByRole('list', { name: 'Your friends' })
        .getByRole('link', { name: ada.account.username }),
    ).toBeHidden();
    await expect(
      bob.page
        .getByRole('list', { name: 'Your friends' })
        .getByRole('link', { name: cat.account.username }),
    ).toBeVisible();
  });

  for (const someone of [ada, bob, cat]) await someone.page.context().close();
});

test('every list on /friends comes from one state: accept, add and cancel move a person at once, and pending requests are never suggestions', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const [ada, bob, cat, dan, eve] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  // Cat is everyone's friend, so Bob, Dan and Eve are all people Ada may know.
  for (const other of [ada, bob, dan, eve]) await befriend(cat, other, base);
  const post = (from: Person, to: Person, action: string) =>
    from.page.request.post('/api/relationships', {
      data: { username: to.account.username, action },
      headers: { Origin: base },
    });
  expect((await post(bob, ada, 'request')).status()).toBe(200);
  expect((await post(ada, dan, 'request')).status()).toBe(200);

  const page = ada.page;
  const heading = (name: RegExp) => page.getByRole('heading', { level: 2, name });
  const list = (name: string) => page.getByRole('list', { name, exact: true });
  const person = (listName: string, who: Person) =>
    list(listName).getByRole('link', { name: who.account.username });
  const relationshipsAnswer = () =>
    page.waitForResponse(
      (response) => response.url().endsWith('/api/relationships') && response.ok(),
    );

  await test.step('someone with a pending request either way is listed once, never suggested', async () => {
    await page.goto('/friends');
    await expect(heading(/^Friend requests\s*\(1\)$/)).toBeVisible();
    await expect(heading(/^Requests you sent\s*\(1\)$/)).toBeVisible();
    await expect(person('Friend requests', bob)).toBeVisible();
    await expect(person('Requests you sent', dan)).toBeVisible();
    await expect(person('People you may know', eve)).toBeVisible();
    await expect(person('People you may know', bob)).toHaveCount(0);
    await expect(person('People you may know', dan)).toHaveCount(0);
  });

  await test.step('accepting moves the person to "Your friends" at once', async () => {
    await Promise.all([
      relationshipsAnswer(),
      list('Friend requests')
        .getByRole('button', { name: `Accept ${bob.account.username}` })
        .click(),
    ]);
    await expect(heading(/^Friend requests\s*\(0\)$/)).toBeVisible();
    await expect(heading(/^Your friends\s*\(2\)$/)).toBeVisible();
    await expect(person('Your friends', bob)).toBeVisible();
    await expect(page.getByText('No friend requests right now.')).toBeVisible();
  });

  await test.step('adding a suggestion moves them to "Requests you sent"; cancelling takes them out', async () => {
    const eveRow = list('People you may know')
      .getByRole('listitem')
      .filter({
        has: page.getByRole('link', { name: eve.account.username }),
      });
    await Promise.all([
      relationshipsAnswer(),
      eveRow.getByRole('button', { name: 'Add friend' }).click(),
    ]);
    await expect(heading(/^Requests you sent\s*\(2\)$/)).toBeVisible();
    await expect(person('Requests you sent', eve)).toBeVisible();
    await expect(person('People you may know', eve)).toHaveCount(0);

    const danRow = list('Requests you sent')
      .getByRole('listitem')
      .filter({
        has: page.getByRole('link', { name: dan.account.username }),
      });
    await Promise.all([
      relationshipsAnswer(),
      danRow.getByRole('button', { name: 'Cancel request' }).click(),
    ]);
    await expect(heading(/^Requests you sent\s*\(1\)$/)).toBeVisible();
    await expect(person('Requests you sent', dan)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('a reload shows the same lists', async () => {
    await page.reload();
    await expect(heading(/^Friend requests\s*\(0\)$/)).toBeVisible();
    await expect(heading(/^Your friends\s*\(2\)$/)).toBeVisible();
    await expect(heading(/^Requests you sent\s*\(1\)$/)).toBeVisible();
    await expect(person('Requests you sent', eve)).toBeVisible();
    await expect(person('People you may know', eve)).toHaveCount(0);
  });

  for (const someone of [ada, bob, cat, dan, eve]) await someone.page.context().close();
});
