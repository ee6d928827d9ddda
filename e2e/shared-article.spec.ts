import type { APIResponse, Page } from '@playwright/test';
import { expect, newPerson, operatorHeaders, test, type Person } from './support/fixtures';
import { splitReaderState } from '../lib/reader/reader-state-element';
import { api, publishViaApi } from './support/people';

/**
 * A public article is one kept page for every signed-in reader (issue 19): nothing of any reader
 * is in it, and each reader's own parts (header, like, edit link, comment form) come from their
 * state in the browser. (A friends-only article is never kept for everyone: e2e/articles.spec.ts.)
 */

function pageCacheTiming(response: APIResponse): string | undefined {
  const entry = (response.headers()['server-timing'] ?? '')
    .split(',')
    .find((part) => part.trim().startsWith('cache-page;'));
  return /desc="([^"]*)"/.exec(entry ?? '')?.[1];
}

/** A document request as the person's browser sends it, with the operator's timing details. */
function getPage(person: Person, path: string) {
  return person.page.request.get(path, { headers: operatorHeaders() });
}

async function untilHit(person: Person, path: string): Promise<APIResponse> {
  let last: APIResponse | undefined;
  await expect.poll(async () => pageCacheTiming((last = await getPage(person, path)))).toBe('hit');
  return last as APIResponse;
}

function likeButton(page: Page) {
  return page.getByRole('button', { name: 'Like' });
}

test('a public article is one copy for every signed-in reader; each sees only their own parts', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const [author, liker, reader] = await Promise.all([
    newPerson(browser, base),
    newPerson(browser, base),
    newPerson(browser, base),
  ]);
  const article = await publishViaApi(author, base, {
    title: `One page for all readers ${Date.now()}`,
    body: 'Read by many, rendered once.',
  });
  const path = `/u/${author.account.username.toLowerCase()}/${article.slug}`;
  await api(liker.page, base, 'put', `/api/articles/${article.id}/like`, { liked: true });

  let kept = '';
  await test.step('the kept copy names no reader, and every reader is served that same copy', async () => {
    const readersView = await untilHit(reader, path);
    const readers = splitReaderState(await readersView.text());
    kept = readers.page;
    expect(kept).toContain('Read by many, rendered once.');
    for (const someone of [reader, liker]) expect(kept).not.toContain(someone.account.username);
    expect(kept).not.toContain('Account menu for');
    // After the copy, in the same response (never stored by anyone): the reader's own state.
    expect(readersView.headers()['cache-control']).toBe('private, no-store');
    expect(readers.state).toMatchObject({
      article: article.id,
      status: 'signed-in',
      user: { username: reader.account.username },
      liked: false,
    });
    const likersView = await getPage(liker, path);
    expect(pageCacheTiming(likersView)).toBe('hit');
    const likers = splitReaderState(await likersView.text());
    expect(likers.page).toBe(kept);
    expect(likers.state).toMatchObject({
      status: 'signed-in',
      user: { username: liker.account.username },
      liked: true,
    });
  });

  await test.step('in the browser each reader sees their own header, like and controls', async () => {
    // The state came with the page: the browser does not ask for it again.
    const asked: string[] = [];
    liker.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/reader') asked.push(request.url());
    });
    await liker.page.goto(path);
    await expect(
      liker.page.getByRole('button', { name: `Account menu for ${liker.account.username}` }),
    ).toBeVisible();
    await expect(likeButton(liker.page)).toHaveAttribute('aria-pressed', 'true');
    await expect(liker.page.getByLabel('Add a comment')).toBeVisible();
    await expect(liker.page.getByRole('link', { name: 'Edit this article' })).toHaveCount(0);
    expect(asked).toEqual([]);

    await reader.page.goto(path);
    await expect(
      reader.page.getByRole('button', { name: `Account menu for ${reader.account.username}` }),
    ).toBeVisible();
    await expect(likeButton(reader.page)).toHaveAttribute('aria-pressed', 'false');
    await expect(reader.page.getByRole('link', { name: 'Edit this article' })).toHaveCount(0);

    await author.page.goto(path);
    await expect(author.page.getByRole('link', { name: 'Edit this article' })).toBeVisible();
  });

  await test.step('liking from the shared copy works, and the next copy counts it', async () => {
    await Promise.all([
      reader.page.waitForResponse((response) => response.url().endsWith('/like') && response.ok()),
      likeButton(reader.page).click(),
    ]);
    await expect(likeButton(reader.page)).toHaveAttribute('aria-pressed', 'true');
    await expect(reader.page.getByText('2 likes', { exact: true })).toBeVisible();
    await reader.page.reload();
    await expect(reader.page.getByText('2 likes', { exact: true })).toBeVisible();
    await expect(likeButton(reader.page)).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step("the reader's state answers its owner only, and is never stored", async () => {
    const own = await reader.page.request.get(`/api/reader?article=${article.id}`);
    expect(own.headers()['cache-control']).toBe('private, no-store');
    expect(await own.json()).toMatchObject({
      ok: true,
      status: 'signed-in',
      user: { username: reader.account.username },
      liked: true,
    });
    const nobody = await reader.page.request.get(`/api/reader?article=${article.id}`, {
      headers: { Cookie: '' },
    });
    expect(await nobody.json()).toEqual({ ok: true, status: 'signed-out' });
    const forged = await reader.page.request.get('/api/reader', {
      headers: { Cookie: `inkwell.session=${'a'.repeat(43)}` },
    });
    expect(await forged.json()).toEqual({ ok: true, status: 'signed-out' });
    // A forged cookie gets the shared copy: nobody's page, and the header asks to sign in.
    const forgedPage = await reader.page.request.get(path, {
      headers: { Cookie: `inkwell.session=${'a'.repeat(43)}` },
    });
    expect(await forgedPage.text()).not.toContain(reader.account.username);
    // Served from the kept copy (kept again by a reader since the like), it carries nobody's state.
    await untilHit(reader, path);
    await expect
      .poll(async () => {
        // Outside the browser's context, which would add its own session cookie to this one.
        const forgedAgain = await fetch(`${base}${path}`, {
          headers: { Cookie: `inkwell.session=${'a'.repeat(43)}` },
        });
        return splitReaderState(await forgedAgain.text()).state;
      })
      .toEqual({ article: article.id, status: 'signed-out' });
  });
  for (const someone of [author, liker, reader]) await someone.page.context().close();
});
