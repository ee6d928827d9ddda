import mongoose from 'mongoose';
import sharp from 'sharp';
import type { APIRequestContext } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, PASSWORD, test, type Person } from './support/fixtures';
import { readMailbox } from '../scripts/lib/mailbox';

/** The e2e instance's database (global setup names it after the stores' own URI). */
function e2eDatabaseUri(): string {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_e2e`;
  return uri.toString();
}

async function publish(who: Person, base: string, title: string, tags: string[]) {
  const headers = { Origin: base };
  const draft = await who.page.request.post('/api/articles', {
    data: { title, body: `Words about ${title}.`, tags },
    headers,
  });
  expect(draft.status()).toBe(201);
  const { id } = (await draft.json()) as { id: string };
  const out = await who.page.request.post(`/api/articles/${id}/publish`, { data: {}, headers });
  expect(out.ok()).toBe(true);
  return (await out.json()) as { id: string; slug: string };
}

/** Status and text of a URL, as someone with `request`'s cookies (none for anonymous). */
async function visit(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

test('deleting an account: re-authentication, a dialog, and afterwards no page, feed or cache shows anything of it', async ({
  browser,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const headers = { Origin: base };
  const [ada, bob, cat] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  const adaKey = ada.account.username.toLowerCase();
  const asked = await ada.page.request.post('/api/relationships', {
    data: { username: bob.account.username, action: 'request' },
    headers,
  });
  expect(asked.ok()).toBe(true);
  const accepted = await bob.page.request.post('/api/relationships', {
    data: { username: ada.account.username, action: 'accept' },
    headers,
  });
  expect(accepted.ok()).toBe(true);
  const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#a33' } })
    .png()
    .toBuffer();
  const avatar = await ada.page.request.post('/api/profile/avatar', {
    multipart: { avatar: { name: 'me.png', mimeType: 'image/png', buffer: png } },
    headers,
  });
  expect(avatar.ok()).toBe(true);
  const tag = `gone${Date.now().toString(36)}`;
  const title = `Ada says farewell ${tag}`;
  const adas = await publish(ada, base, title, [tag]);
  const bobs = await publish(bob, base, `Bob stays ${tag}`, [tag]);
  const comment = `Ada was here ${tag}`;
  expect(
    (
      await ada.page.request.post(`/api/articles/${bobs.id}/comments`, {
        data: { body: comment },
        headers,
      })
    ).status(),
  ).toBe(201);
  expect(
    (
      await ada.page.request.put(`/api/articles/${bobs.id}/like`, {
        data: { liked: true },
        headers,
      })
    ).ok(),
  ).toBe(true);
  const draft = await ada.page.request.post('/api/articles', {
    data: { title: 'Still writing', body: 'Not done.' },
    headers,
  });
  const { id: draftId } = (await draft.json()) as { id: string };

  // Every URL that shows Ada, seen signed out (twice: the second from the page cache) and by Bob.
  const anonymous = await playwright.request.newContext({ baseURL: base });
  const bobsArticle = `/u/${bob.account.username.toLowerCase()}/${bobs.slug}`;
  const showsAda: [string, string][] = [
    [`/u/${adaKey}`, ada.account.username],
    [`/u/${adaKey}/${adas.slug}`, title],
    [`/u/${adaKey}/feed.xml`, title],
    [`/t/${tag}`, title],
    ['/', title],
    ['/feed.xml', title],
    ['/sitemap.xml', `/u/${adaKey}/${adas.slug}`],
    [bobsArticle, comment],
  ];
  const profile = await visit(anonymous, `/u/${adaKey}`);
  const avatarUrl = /\/media\/avatars\/[a-f0-9]{24}\/[a-f0-9]{20}-\d+\.webp/.exec(
    profile.text,
  )?.[0];
  expect(avatarUrl).toBeTruthy();
  for (const [url, text] of showsAda) {
    for (let round = 0; round < 2; round += 1) {
      const seen = await visit(anonymous, url);
      expect(seen.status, url).toBe(200);
      expect(seen.text, url).toContain(text);
    }
  }
  await expect(async () => {
    await bob.page.goto('/');
    await expect(bob.page.getByRole('list', { name: 'Your stream' })).toContainText(title, {
      timeout: 500,
    });
  }).toPass({ timeout: 10_000 });
  await bob.page.goto(bobsArticle);
  await expect(bob.page.getByText('1 like', { exact: true })).toBeVisible();
  await expect(bob.page.getByText(comment)).toBeVisible();

  // Attacks. Another site cannot make Ada's browser delete her account.
  for (const origin of ['https://evil.example', null]) {
    const forged = await ada.page.request.delete('/api/account', {
      data: { password: PASSWORD },
      headers: origin ? { Origin: origin } : {},
    });
    expect(forged.status()).toBe(403);
  }
  // Signed out: nothing to delete.
  const nobody = await anonymous.delete('/api/account', { data: { password: PASSWORD }, headers });
  expect(nobody.status()).toBe(401);
  // There is no id to name: Cat naming Ada deletes Cat, never Ada.
  const catsTry = await cat.page.request.delete('/api/account', {
    data: { password: PASSWORD, userId: 'x', username: ada.account.username },
    headers,
  });
  expect(catsTry.status()).toBe(200);
  expect((await visit(anonymous, `/u/${adaKey}`)).status).toBe(200);
  expect((await visit(anonymous, `/u/${cat.account.username.toLowerCase()}`)).status).toBe(404);

  // Ada's other device keeps its session until the deletion.
  const phone = await browser.newContext({
    baseURL: base,
    storageState: await ada.page.context().storageState(),
  });
  const phonePage = await phone.newPage();

  // In the browser: a wrong password is said next to the field, and nothing happens.
  const page = ada.page;
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Delete account' });
  await expectNoSeriousA11yViolations(page);
  const password = section.getByLabel('Confirm with your password', { exact: true });
  await password.fill('not-my-password');
  await section.getByRole('button', { name: 'Delete account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('cannot be undone');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(section.getByRole('button', { name: 'Delete account' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(password).toHaveAccessibleDescription('This is not your password.');
  await expect(password).toBeFocused();
  expect((await visit(anonymous, `/u/${adaKey}`)).status).toBe(200);

  // The right password, confirmed; meanwhile the phone saves the draft (a write racing the deletion).
  await password.fill(PASSWORD);
  await section.getByRole('button', { name: 'Delete account' }).click();
  const [deleted] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/account')),
    dialog.getByRole('button', { name: 'Delete my account' }).click(),
    phonePage.request.patch(`/api/articles/${draftId}`, {
      data: { title: 'Saved during the deletion', body: 'Racing.' },
      headers,
    }),
  ]);
  expect(deleted.status()).toBe(200);
  await page.waitForURL(`${base}/`);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  // At once: the phone's session is dead, sign-in is refused, the profile is gone.
  const stale = await phonePage.request.post('/api/articles', {
    data: { title: 'After the end', body: 'No.' },
    headers,
  });
  expect(stale.status()).toBe(401);
  await phonePage.goto('/settings');
  await expect(phonePage).toHaveURL(/\/signin/);
  const signIn = await anonymous.post('/api/sessions', {
    data: { identifier: ada.account.username, password: PASSWORD },
    headers,
  });
  expect(signIn.status()).toBe(401);
  expect((await visit(anonymous, `/u/${adaKey}`)).status).toBe(404);

  // The job removes everything (the database agrees), then every URL is swept again.
  const connection = await mongoose.createConnection(e2eDatabaseUri()).asPromise();
  try {
    const db = connection.db;
    if (!db) throw new Error('no database');
    const articles = db.collection('articles');
    await expect
      .poll(() => db.collection('users').countDocuments({ usernameKey: adaKey }), {
        timeout: 30_000,
      })
      .toBe(0);
    expect(await articles.countDocuments({ _id: new mongoose.Types.ObjectId(draftId) })).toBe(0);
    expect(await articles.countDocuments({ title: 'Saved during the deletion' })).toBe(0);
    expect(await db.collection('comments').countDocuments({ body: comment })).toBe(0);
  } finally {
    await connection.close();
  }
  for (const [url, text] of showsAda) {
    const seen = await visit(anonymous, url);
    if (seen.status === 200) expect(seen.text, url).not.toContain(text);
    else expect(seen.status, url).toBe(404);
  }
  expect((await visit(anonymous, `/u/${adaKey}/${adas.slug}`)).status).toBe(404);
  expect((await visit(anonymous, `/u/${adaKey}`)).status).toBe(404);
  expect((await visit(anonymous, avatarUrl as string)).status).toBe(404);
  await bob.page.goto('/');
  await expect(bob.page.getByRole('main')).not.toContainText(title);
  await bob.page.goto(bobsArticle);
  await expect(bob.page.getByRole('main')).not.toContainText(comment);
  await expect(bob.page.getByText('0 likes', { exact: true })).toBeVisible();
  await expect(bob.page.getByRole('main')).toContainText(`Bob stays ${tag}`);

  // The username and the address are free for someone new.
  const again = await anonymous.post('/api/accounts', {
    data: { email: ada.account.email, username: ada.account.username, password: PASSWORD },
    headers,
  });
  expect(again.status()).toBe(202);
  // The first confirmation (Ada's own) is in the mailbox too: wait for the second.
  const confirmations = async () =>
    (await readMailbox(base, ada.account.email)).filter((mail) => /^Confirm/.test(mail.subject));
  await expect.poll(async () => (await confirmations()).length, { timeout: 10_000 }).toBe(2);
  const [newest] = await confirmations();
  const token = /token=([A-Za-z0-9_-]+)/.exec(newest?.text ?? '')?.[1];
  const confirmed = await anonymous.post('/api/accounts/confirm', {
    data: { token, password: PASSWORD },
    headers,
  });
  expect(confirmed.status()).toBe(201);
  expect((await visit(anonymous, `/u/${adaKey}`)).text).not.toContain(title);

  await anonymous.dispose();
  await phone.close();
  for (const someone of [ada, bob, cat]) await someone.page.context().close();
});
