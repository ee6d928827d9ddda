import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, PASSWORD, test, type Person } from './support/fixtures';
import { adminCommand } from './support/moderation';
import { api, befriend, publishViaApi } from './support/people';

/**
 * Community safety (issue 21): reports collapse into one queue entry; a moderator's "Hide" takes
 * the item away for everyone (guests, friends, the friends' streams, lists, feeds, sitemap); a
 * suspension signs the person out and refuses them; every action is in the audit log; the author
 * is told why and may appeal once; the reporters are told their report was handled.
 */

const profileOf = (person: Person) => `/u/${person.account.username.toLowerCase()}`;

async function streamShows(page: Page, title: string): Promise<boolean> {
  await page.goto('/');
  const stream = page.getByRole('list', { name: 'Your stream' });
  return (await stream.getByRole('link', { name: title }).count()) > 0;
}

/** The queue entry whose heading names `label`. */
function entry(page: Page, label: string) {
  return page.getByRole('article', { name: label });
}

test('report → queue → hide: gone for everyone; the author is told why and appeals; the audit log has it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const person = () => newPerson(browser, base);
  const [ada, bob, cat, dan, mod, boss] = await Promise.all([
    person(),
    person(),
    person(),
    person(),
    person(),
    person(),
  ]);
  // The first admin from the command line; the admin names a moderator in the app.
  expect(await adminCommand('grant', 'admin', boss.account.username)).toContain('is now admin');
  await boss.page.goto('/moderation/audit');
  await boss.page.getByLabel('Username').fill(mod.account.username);
  await boss.page.getByLabel('Why').fill('Trusted long-time member.');
  await boss.page.getByRole('button', { name: 'Grant moderator' }).click();
  await expect(boss.page.getByRole('status')).toContainText('Moderator role granted.');

  await befriend(ada, bob, base);
  const title = `Buy cheap pills ${Date.now()}`;
  const article = await publishViaApi(ada, base, { title, body: 'Spam, spam, spam.' });
  const path = `${profileOf(ada)}/${article.slug}`;
  await expect.poll(() => streamShows(bob.page, title), { timeout: 30_000 }).toBe(true);

  // Cat reports in the page; Dan through the API; Cat again changes nothing.
  await cat.page.goto(path);
  await cat.page.getByRole('button', { name: 'Report' }).first().click();
  await expect(cat.page.getByRole('radio', { name: 'Spam' })).toBeChecked();
  await expectNoSeriousA11yViolations(cat.page);
  // "Other" says nothing by itself: the note is asked for, next to it.
  await cat.page.getByRole('radio', { name: 'Other' }).check();
  await cat.page.getByRole('button', { name: 'Send report' }).click();
  await expect(
    cat.page.getByLabel('Note for the moderators (optional)'),
  ).toHaveAccessibleDescription(/You chose “Other”: say in the note what is wrong/);
  await expectNoSeriousA11yViolations(cat.page);
  await cat.page.getByRole('radio', { name: 'Spam' }).check();
  await cat.page.getByLabel('Note for the moderators (optional)').fill('Pills, again.');
  await cat.page.getByRole('button', { name: 'Send report' }).click();
  await expect(cat.page.getByRole('status').filter({ hasText: 'Thank you.' })).toBeVisible();
  await api(dan.page, base, 'post', '/api/reports', {
    kind: 'article',
    id: article.id,
    reason: 'harassment',
  });
  const again = await api(cat.page, base, 'post', '/api/reports', {
    kind: 'article',
    id: article.id,
    reason: 'spam',
  });
  expect(again).toMatchObject({ alreadyReported: true });

  // One entry with a count, the content, the author's history; a reason is required.
  await mod.page.goto('/moderation');
  await expect(mod.page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  const reported = entry(mod.page, `Article “${title}”`);
  await expect(reported).toHaveCount(1);
  await expect(reported).toContainText('2 reports: spam (1), harassment (1)');
  await expect(reported).toContainText('Spam, spam, spam.');
  await expect(reported).toContainText('Pills, again.');
  await expect(reported).toContainText('Author’s history');
  await expectNoSeriousA11yViolations(mod.page);
  await reported.getByRole('button', { name: 'Hide' }).click();
  await expect(reported.getByText(/^Say why, in a few words/)).toBeVisible();
  await reported.getByLabel('Reason').fill('Advertising pills: spam.');
  await reported.getByRole('button', { name: 'Hide' }).click();
  await expect(
    mod.page.getByRole('status').filter({ hasText: 'Hidden everywhere.' }),
  ).toBeVisible();

  // Gone for everyone, within seconds: guest, friend, the friend's stream, lists, feeds, sitemap.
  const guest = await browser.newContext({ baseURL: base });
  expect((await guest.request.get(path)).status()).toBe(404);
  expect((await bob.page.request.get(path)).status()).toBe(404);
  expect(await (await guest.request.get('/')).text()).not.toContain(title);
  expect(await (await guest.request.get(profileOf(ada))).text()).not.toContain(title);
  expect(await (await guest.request.get('/feed.xml')).text()).not.toContain(title);
  expect(await (await guest.request.get('/sitemap.xml')).text()).not.toContain(article.slug);
  await expect.poll(() => streamShows(bob.page, title), { timeout: 30_000 }).toBe(false);
  await guest.close();

  // The author cannot publish it again, is told why, and appeals once.
  const republish = await ada.page.request.post(`/api/articles/${article.id}/publish`, {
    data: {},
    headers: { Origin: base },
  });
  expect(republish.status()).toBe(403);
  await expect
    .poll(async () => {
      await ada.page.goto('/notifications');
      return ada.page.getByRole('link', { name: 'See what and why' }).count();
    })
    .toBe(1);
  await ada.page.getByRole('link', { name: 'See what and why' }).click();
  await expect(ada.page.getByText('Advertising pills: spam.')).toBeVisible();
  await expectNoSeriousA11yViolations(ada.page);
  await ada.page
    .getByLabel('Why should it be shown again?')
    .fill('It was a joke among friends, not an advert.');
  await ada.page.getByRole('button', { name: 'Appeal' }).click();
  await expect(ada.page.getByText('Your appeal is with the moderators.')).toBeVisible();
  await expect(ada.page.getByRole('button', { name: 'Appeal' })).toHaveCount(0);

  // The reporters are told their report was handled.
  await expect
    .poll(async () => {
      await cat.page.goto('/notifications');
      return cat.page.getByText('the moderators handled a report you sent').count();
    })
    .toBe(1);

  // The appeal is back in the queue; kept hidden by someone other than whoever hid it (here the
  // admin, who moderates too). The audit log has every action.
  await boss.page.goto('/moderation');
  const appeal = entry(boss.page, `Appeal: Article “${title}”`);
  await expect(appeal).toContainText('It was a joke among friends');
  await appeal.getByLabel('Reason').fill('Still an advert.');
  await appeal.getByRole('button', { name: 'Keep hidden' }).click();
  await expect(boss.page.getByRole('status').filter({ hasText: 'Kept hidden.' })).toBeVisible();
  await boss.page.goto('/moderation/audit');
  const log = boss.page.getByRole('table');
  for (const line of [
    ['grant-admin', 'cli'],
    ['grant-moderator', 'Trusted long-time member.'],
    ['hide', 'Advertising pills: spam.'],
    ['keep-hidden', 'Still an advert.'],
  ])
    await expect(
      log.getByRole('row').filter({ hasText: line[0] }).filter({ hasText: line[1] }),
    ).toHaveCount(1);
  await expectNoSeriousA11yViolations(boss.page);
  // A moderator is not an admin: the audit log is not theirs.
  expect((await mod.page.request.get('/moderation/audit', { maxRedirects: 0 })).status()).toBe(404);
});

test('suspend → signed out everywhere, refused at sign-in and for every write', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const person = () => newPerson(browser, base);
  const [ada, eve, cat, mod] = await Promise.all([person(), person(), person(), person()]);
  expect(await adminCommand('grant', 'moderator', mod.account.username)).toContain(
    'is now moderator',
  );
  const title = `A calm article ${Date.now()}`;
  const article = await publishViaApi(ada, base, { title, body: 'Nothing to see.' });
  const comment = (await api(eve.page, base, 'post', `/api/articles/${article.id}/comments`, {
    body: 'You are all idiots.',
  })) as { id: string };

  // The comment's own "Report" (the article's is another).
  await cat.page.goto(`${profileOf(ada)}/${article.slug}`);
  const thread = cat.page.getByRole('list', { name: 'Comments' }).getByRole('listitem').filter({
    hasText: 'You are all idiots.',
  });
  await thread.getByRole('button', { name: 'Report' }).click();
  await thread.getByRole('radio', { name: 'Harassment' }).check();
  await thread.getByRole('button', { name: 'Send report' }).click();
  await expect(thread.getByRole('status').filter({ hasText: 'Thank you.' })).toBeVisible();

  await mod.page.goto('/moderation');
  const reported = entry(mod.page, `Comment on “${title}”`);
  await expect(reported).toContainText('You are all idiots.');
  await reported.getByLabel('Reason').fill('Insults other readers.');
  await reported.getByLabel('Suspend for').selectOption('3');
  await reported.getByRole('button', { name: 'Suspend' }).click();
  await expect(mod.page.getByRole('status').filter({ hasText: 'Suspended' })).toBeVisible();

  // Signed out: the next page is a guest's, and writes are refused.
  await eve.page.goto('/');
  await expect(eve.page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  const write = await eve.page.request.post(`/api/articles/${article.id}/comments`, {
    data: { body: 'Again.' },
    headers: { Origin: base },
  });
  expect(write.status()).toBe(401);
  expect(comment.id).toMatch(/^[a-f0-9]{24}$/);
  // Refused at sign-in, with the reason, until the end time; a wrong password learns nothing.
  const refused = await eve.page.request.post('/api/sessions', {
    data: { identifier: eve.account.username, password: PASSWORD },
    headers: { Origin: base },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('suspended until');
  const wrong = await eve.page.request.post('/api/sessions', {
    data: { identifier: eve.account.username, password: 'not-the-password-at-all' },
    headers: { Origin: base },
  });
  expect(await wrong.text()).not.toContain('suspended');
  await eve.page.goto('/signin');
  await eve.page.getByLabel('Email or username').fill(eve.account.username);
  await eve.page.getByLabel('Password').fill(PASSWORD);
  await eve.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(eve.page.getByText(/^This account is suspended until/)).toBeVisible();
  await expect(eve.page).toHaveURL(/\/signin/);

  // The audit log names the suspension with its end and reason.
  const boss = await newPerson(browser, base);
  await adminCommand('grant', 'admin', boss.account.username);
  await boss.page.goto('/moderation/audit');
  await expect(
    boss.page.getByRole('row').filter({ hasText: 'suspend until' }).filter({
      hasText: 'Insults other readers.',
    }),
  ).toHaveCount(1);
});
