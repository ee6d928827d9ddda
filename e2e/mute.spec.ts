import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, test, type Person } from './support/fixtures';
import { checkPage } from './support/page-checks';
import { api, befriend, publishViaApi } from './support/people';

/**
 * Mute (issue 20 point 6): one-way and silent. The muter stops seeing the muted person's comments
 * (also on the article copy shared by every signed-in reader, hidden in the browser from the
 * reader's state), their activity in the stream and their notifications; the muted person sees
 * nothing different, and everyone else still sees their comments.
 */

const profileOf = (person: Person) => `/u/${person.account.username.toLowerCase()}`;

function comment(page: Page, text: string) {
  return page.getByRole('list', { name: 'Comments' }).getByText(text, { exact: true });
}

/**
 * The main region's words, each time as the moment it names: times are relative and filled in by
 * the browser after hydration ("Dec 2" at first, then "1 minute ago"), so their wording changes
 * with the clock, not with what Bob is shown.
 */
async function mainText(page: Page): Promise<string> {
  return page.getByRole('main').evaluate((main: HTMLElement) => {
    for (const time of main.querySelectorAll('time')) time.textContent = time.dateTime;
    return main.innerText;
  });
}

/** What the muted person can read of the muter: the profile's words and their own reader state. */
async function whatBobSees(bob: Person, ada: Person, articleId: string) {
  await bob.page.goto(profileOf(ada));
  const profile = await mainText(bob.page);
  const reader = await (await bob.page.request.get(`/api/reader?article=${articleId}`)).text();
  await bob.page.goto('/notifications');
  const notifications = await mainText(bob.page);
  return { profile, reader, notifications };
}

async function streamShows(person: Person, title: string): Promise<boolean> {
  await person.page.goto('/');
  const stream = person.page.getByRole('list', { name: 'Your stream' });
  return (await stream.getByRole('link', { name: title }).count()) > 0;
}

test('muting hides a person’s comments and activity from the muter alone, silently; unmuting restores them', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const [ada, bob, cat] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  await befriend(ada, bob, base);
  const stamp = Date.now();
  const catArticle = await publishViaApi(cat, base, {
    title: `Cat asks everyone ${stamp}`,
    body: 'What do you think?',
  });
  const catPath = `${profileOf(cat)}/${catArticle.slug}`;
  const bobTitle = `Bob's news ${stamp}`;
  await publishViaApi(bob, base, { title: bobTitle, body: 'Hello from Bob.' });
  const bobSays = `Bob thinks so ${stamp}`;
  const catSays = `Cat replies ${stamp}`;
  const bobAgain = `Bob once more ${stamp}`;
  const catAnswers = `Cat answers Bob ${stamp}`;
  const comments = `/api/articles/${catArticle.id}/comments`;
  const bobsComment = (await api(bob.page, base, 'post', comments, { body: bobSays })) as {
    id: string;
  };
  await api(cat.page, base, 'post', comments, { body: catAnswers, parentId: bobsComment.id });
  await api(cat.page, base, 'post', comments, { body: catSays });
  await api(bob.page, base, 'post', comments, { body: bobAgain });
  await expect.poll(() => streamShows(ada, bobTitle), { timeout: 10_000 }).toBe(true);
  // Bob's bell starts empty (opening /notifications would otherwise mark it read in between).
  await api(bob.page, base, 'post', '/api/notifications/read', {});
  const bobBefore = await whatBobSees(bob, ada, catArticle.id);

  await test.step('Ada mutes Bob from his profile; only she is told it is private', async () => {
    await ada.page.goto(profileOf(bob));
    await Promise.all([
      ada.page.waitForResponse((r) => r.url().endsWith('/api/mutes') && r.ok()),
      ada.page.getByRole('button', { name: 'Mute', exact: true }).click(),
    ]);
    await expect(ada.page.getByRole('button', { name: 'Unmute', exact: true })).toBeVisible();
    await expect(ada.page.getByText(/Muting is private; they are not told\./)).toBeVisible();
    // Still friends: muting ends nothing.
    await expect(ada.page.getByRole('button', { name: 'Unfriend' })).toBeVisible();
    await expectNoSeriousA11yViolations(ada.page);
  });

  await test.step('on the shared signed-in copy Bob’s comment is hidden for Ada, and can be shown', async () => {
    // The copy Ada is served still holds the comment: hiding it is done in her browser.
    expect(await (await ada.page.request.get(catPath)).text()).toContain(bobSays);
    await ada.page.goto(catPath);
    await expect(ada.page.getByText('2 comments hidden from people you muted.')).toBeVisible();
    await expect(comment(ada.page, catSays)).toBeVisible();
    await expect(comment(ada.page, bobSays)).toBeHidden();
    await expect(comment(ada.page, bobAgain)).toBeHidden();
    // The reply to Bob stays, so the thread still reads; Bob's comment with no reply leaves no
    // empty card behind.
    await expect(comment(ada.page, catAnswers)).toBeVisible();
    const threads = ada.page.getByRole('list', { name: 'Comments' }).locator(':scope > li');
    await expect(threads.filter({ visible: true })).toHaveCount(2);
    await expectNoSeriousA11yViolations(ada.page);
    await ada.page.getByRole('button', { name: 'Show hidden comments' }).click();
    await expect(comment(ada.page, bobSays)).toBeVisible();
    await expect(comment(ada.page, bobAgain)).toBeVisible();
    await ada.page.getByRole('button', { name: 'Hide them again' }).click();
    await expect(comment(ada.page, bobSays)).toBeHidden();
    await expect(threads.filter({ visible: true })).toHaveCount(2);
  });

  await test.step('Cat and a guest still see Bob’s comment', async () => {
    await cat.page.goto(catPath);
    await expect(comment(cat.page, bobSays)).toBeVisible();
    await expect(cat.page.getByText(/hidden from a muted person/)).toHaveCount(0);
    const guest = await browser.newContext({ baseURL: base });
    const page = await guest.newPage();
    await page.goto(catPath);
    await expect(comment(page, bobSays)).toBeVisible();
    await expect(comment(page, bobAgain)).toBeVisible();
    await guest.close();
  });

  await test.step('the muter’s pages pass the page checks (axe, 360 px, light and dark)', async () => {
    await checkPage(ada.page, profileOf(bob), 'profile-muted', testInfo);
    await checkPage(ada.page, catPath, 'article-with-muted-comment', testInfo);
    await checkPage(ada.page, '/settings', 'settings-muted-people', testInfo);
  });

  await test.step('Bob’s activity leaves Ada’s stream', async () => {
    expect(await streamShows(ada, bobTitle)).toBe(false);
  });

  await test.step('Bob sees nothing different', async () => {
    expect(await whatBobSees(bob, ada, catArticle.id)).toEqual(bobBefore);
    await bob.page.goto(catPath);
    await expect(comment(bob.page, bobSays)).toBeVisible();
  });

  await test.step('Ada unmutes Bob in Settings, and everything comes back', async () => {
    await ada.page.goto('/settings');
    const muted = ada.page.getByRole('list', { name: 'Muted people' });
    await expect(muted.getByRole('link', { name: bob.account.username })).toBeVisible();
    await Promise.all([
      ada.page.waitForResponse((r) => r.url().endsWith('/api/mutes') && r.ok()),
      muted.getByRole('button', { name: `Unmute ${bob.account.username}` }).click(),
    ]);
    await expect(muted.getByRole('button', { name: `Mute ${bob.account.username}` })).toBeVisible();
    await ada.page.goto(catPath);
    await expect(comment(ada.page, bobSays)).toBeVisible();
    await expect(ada.page.getByText(/hidden from a muted person/)).toHaveCount(0);
    expect(await streamShows(ada, bobTitle)).toBe(true);
    await ada.page.goto('/settings');
    await expect(ada.page.getByText('You have not muted anyone.', { exact: false })).toBeVisible();
  });
  for (const someone of [ada, bob, cat]) await someone.page.context().close();
});
