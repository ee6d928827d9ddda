import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { parse as parseYaml } from 'yaml';
import { unzip } from '../lib/testing/unzip';
import { expectNoSeriousA11yViolations } from './support/a11y';
import {
  expect,
  newPerson,
  PASSWORD,
  randomClientIp,
  submitSignUpForm,
  test,
  uniqueName,
  type Person,
} from './support/fixtures';
import { waitForMail } from '../scripts/lib/mailbox';
import { api, befriend, publishViaApi } from './support/people';

const HELD = /reserved for 30 days/;

function publish(author: Person, baseURL: string, title: string) {
  return publishViaApi(author, baseURL, { title, body: `The words of ${title}.` });
}

async function renameInSettings(page: Page, username: string) {
  await page.goto('/settings');
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Change username' }).click();
}

/** Status and Location of a GET that is not followed, as a reader signed out sees it. */
async function peek(page: Page, path: string) {
  const response = await page.request.get(path, { maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location ?? null };
}

test('a rename moves profile, articles and feed (old URLs 308), holds the old name for 30 days, and may be undone', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const oldKey = ada.account.username.toLowerCase();
  const article = await publish(ada, base, 'Before the rename');
  const reader = await (
    await browser.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
    })
  ).newPage();

  await test.step('signed out, the old pages are read (and kept by the page cache)', async () => {
    for (let visit = 0; visit < 2; visit += 1) {
      await reader.goto(`/u/${oldKey}`);
      await expect(reader.getByText(`@${ada.account.username}`)).toBeVisible();
      await reader.goto(`/u/${oldKey}/${article.slug}`);
      await expect(reader.getByRole('heading', { name: 'Before the rename' })).toBeVisible();
    }
  });

  const newName = uniqueName('Renamed');
  const newKey = newName.toLowerCase();
  await test.step('the form renames, with an accessible success message', async () => {
    await ada.page.goto('/settings');
    await expectNoSeriousA11yViolations(ada.page);
    await renameInSettings(ada.page, 'no spaces allowed');
    await expect(ada.page.getByLabel('Username')).toHaveAccessibleDescription(
      /Use 3 to 30 letters, digits or underscores/,
    );
    await expect(ada.page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(ada.page);
    await ada.page.getByLabel('Username').fill(newName);
    await ada.page.getByLabel('Username').press('Enter');
    await expect(ada.page.getByRole('main').getByRole('status')).toContainText(
      `Your username is now @${newName}`,
    );
  });

  await test.step('old addresses answer 308 to the new ones; nothing shows the old name', async () => {
    expect(await peek(reader, `/u/${oldKey}`)).toEqual({ status: 308, location: `/u/${newKey}` });
    expect(await peek(reader, `/u/${oldKey}/${article.slug}`)).toEqual({
      status: 308,
      location: `/u/${newKey}/${article.slug}`,
    });
    expect(await peek(reader, `/u/${oldKey}/feed.xml`)).toEqual({
      status: 308,
      location: `/u/${newKey}/feed.xml`,
    });
    await reader.goto(`/u/${oldKey}/${article.slug}`);
    expect(new URL(reader.url()).pathname).toBe(`/u/${newKey}/${article.slug}`);
    await expect(reader.getByRole('link', { name: ada.account.username })).toHaveAttribute(
      'href',
      `/u/${newKey}`,
    );
    await reader.goto(`/u/${newKey}`);
    await expect(reader.getByText(`@${newName}`)).toBeVisible();
    for (const path of ['/', '/feed.xml', '/sitemap.xml', `/u/${newKey}/feed.xml`]) {
      const text = await (await reader.request.get(path)).text();
      expect(text, path).toContain(`/u/${newKey}/${article.slug}`);
      expect(text, path).not.toContain(`/u/${oldKey}/`);
    }
  });

  await test.step('the old name is refused to everyone else, for sign-up and rename', async () => {
    const bob = await newPerson(browser, base);
    await renameInSettings(bob.page, ada.account.username);
    await expect(bob.page.getByLabel('Username')).toHaveAccessibleDescription(HELD);
    await expectNoSeriousA11yViolations(bob.page);
    const stranger = await (
      await browser.newContext({
        baseURL: base,
        extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
      })
    ).newPage();
    await stranger.goto('/signup');
    await submitSignUpForm(stranger, {
      email: `${uniqueName('late')}@example.com`,
      username: oldKey.toUpperCase(),
      password: PASSWORD,
    });
    await expect(stranger.getByLabel('Username')).toHaveAccessibleDescription(HELD);
  });

  await test.step('the same person takes the name back', async () => {
    await renameInSettings(ada.page, ada.account.username);
    await expect(ada.page.getByRole('main').getByRole('status')).toContainText(
      `Your username is now @${ada.account.username}`,
    );
    expect((await peek(reader, `/u/${oldKey}`)).status).toBe(200);
    expect(await peek(reader, `/u/${newKey}/${article.slug}`)).toEqual({
      status: 308,
      location: `/u/${oldKey}/${article.slug}`,
    });
  });
});

test('“Download your data” builds a zip, announced by notification and mail, for its owner only', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  await befriend(ada, bob, base);
  const published = await publish(ada, base, 'Exported words');
  const draft = (await api(ada.page, base, 'post', '/api/articles', {
    title: 'An unfinished draft',
    body: 'Not yet.',
  })) as { id: string; slug: string };
  const bobs = await publish(bob, base, 'Bob’s piece');
  await api(ada.page, base, 'post', `/api/articles/${bobs.id}/comments`, { body: 'Well said.' });
  await api(ada.page, base, 'put', `/api/articles/${bobs.id}/like`, { liked: true });
  const avatar = await sharp({
    create: { width: 300, height: 300, channels: 3, background: '#c63' },
  })
    .png()
    .toBuffer();
  const uploaded = await ada.page.request.post('/api/profile/avatar', {
    multipart: { avatar: { name: 'me.png', mimeType: 'image/png', buffer: avatar } },
    headers: { Origin: base },
  });
  expect(uploaded.ok(), await uploaded.text()).toBe(true);

  const page = ada.page;
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Download your data' }).click();
  await expect(page.getByText(/Preparing your data…|Your data is ready/)).toBeVisible();
  const link = page.getByRole('link', { name: 'Download the zip file' });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await expectNoSeriousA11yViolations(page);
  const path = (await link.getAttribute('href')) as string;
  expect(path).toMatch(/^\/settings\/data-export\/[a-f0-9]{24}$/);

  await test.step('a mail (plain text) and a notification carry the link', async () => {
    const mail = await waitForMail(base, ada.account.email, /^Your Inkwell data is ready$/);
    expect(mail.text).toContain(`${base}${path}`);
    expect(mail.text).toMatch(/works for 7 days/);
    await page.goto('/notifications');
    await expect(page.getByRole('link', { name: 'Download your data (zip)' })).toHaveAttribute(
      'href',
      path,
    );
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('the owner downloads it: everything is inside', async () => {
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/zip');
    expect(response.headers()['cache-control']).toContain('no-store');
    const files = await unzip(await response.body());
    const profile = JSON.parse(files.get('profile.json')!.toString('utf8'));
    expect(profile).toMatchObject({ username: ada.account.username, email: ada.account.email });
    const front = parseYaml(
      files
        .get(`articles/${draft.slug}.md`)!
        .toString('utf8')
        .split(/^---\n/m)[1]!,
    );
    expect(front).toMatchObject({ title: 'An unfinished draft', status: 'draft' });
    expect(files.get(`articles/${published.slug}.md`)!.toString('utf8')).toContain(
      'The words of Exported words.',
    );
    const comments = JSON.parse(files.get('comments.json')!.toString('utf8'));
    expect(comments).toMatchObject([{ body: 'Well said.', article: { title: 'Bob’s piece' } }]);
    expect(JSON.parse(files.get('likes.json')!.toString('utf8'))).toMatchObject([
      { articleId: bobs.id },
    ]);
    expect(JSON.parse(files.get('friends.json')!.toString('utf8'))).toMatchObject([
      { username: bob.account.username, status: 'friends' },
    ]);
    const media = [...files.keys()].filter((name) => name.startsWith('media/avatars/'));
    expect(media).toHaveLength(3);
  });

  await test.step('anyone else gets 404; signed out, the link asks to sign in', async () => {
    expect((await bob.page.request.get(path)).status()).toBe(404);
    expect(
      (await bob.page.request.get('/settings/data-export/0123456789abcdef01234567')).status(),
    ).toBe(404);
    const anonymous = await browser.newContext({ baseURL: base });
    const signedOut = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    await anonymous.close();
  });
});
