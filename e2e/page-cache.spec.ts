import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { startClones, type Clones } from './support/clones';
import { expect, operatorHeaders, randomClientIp, signUpViaApi, test } from './support/fixtures';

/**
 * Whole pages kept in Redis: one render serves every instance, and no change is ever hidden by
 * a kept page, whichever instance made it.
 */
test.describe.configure({ mode: 'serial' });

let clones: Clones | undefined;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  clones = await startClones('pagecache');
});
test.afterAll(async () => {
  await clones?.stop();
});

/** Playwright's API and browser responses both have this. */
interface WithHeaders {
  headers(): Record<string, string>;
}

function timing(response: WithHeaders, name: string): string | undefined {
  const header = response.headers()['server-timing'] ?? '';
  const entry = header.split(',').find((part) => part.trim().startsWith(`${name};`));
  return /desc="([^"]*)"/.exec(entry ?? '')?.[1];
}

/** GETs `url` until the page cache answers it. */
async function untilCached(request: APIRequestContext, url: string): Promise<APIResponse> {
  let last: APIResponse | undefined;
  await expect
    .poll(async () => {
      last = await request.get(url);
      return timing(last, 'cache-page');
    })
    .toBe('hit');
  return last as APIResponse;
}

/** GET with exactly this Accept-Encoding; the body as sent (Playwright's requests decode it). */
function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function nonceOf(response: WithHeaders): string {
  return /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1] ?? '';
}

test('an anonymous article page is rendered once for every instance and never served stale', async ({
  playwright,
  browser,
}) => {
  test.setTimeout(90_000);
  const [a, b] = clones?.instances ?? [];
  if (!a || !b) throw new Error('no clones');
  const author = await playwright.request.newContext({
    baseURL: a.url,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: a.url },
  });
  const account = await signUpViaApi(author, a.url);
  const draft = (await (
    await author.post('/api/articles', {
      data: { title: 'Kept whole', body: 'The first version.' },
    })
  ).json()) as { id: string };
  const published = (await (
    await author.post(`/api/articles/${draft.id}/publish`, { data: {} })
  ).json()) as { slug: string };
  const path = `/u/${account.username.toLowerCase()}/${published.slug}`;
  const reader = await playwright.request.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), ...operatorHeaders() },
  });

  await test.step('once rendered on one instance, the other serves the same page without rendering', async () => {
    await untilCached(reader, `${a.url}${path}`);
    const fromB = await reader.get(`${b.url}${path}`);
    expect(fromB.headers()['x-inkwell-instance']).toBe('pagecache-b');
    expect(timing(fromB, 'cache-page')).toBe('hit');
    expect(timing(fromB, 'mongo')).toBe('0');
    expect(await fromB.text()).toContain('The first version.');
  });

  let renderedNonce = '';
  await test.step('a kept copy carries the nonce of its render, on every script, in every encoding', async () => {
    const [first, second] = [
      await untilCached(reader, `${a.url}${path}`),
      await untilCached(reader, `${b.url}${path}`),
    ];
    // One render, one copy: both instances serve it with the nonce it was rendered with.
    renderedNonce = nonceOf(first);
    expect(renderedNonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(nonceOf(second)).toBe(renderedNonce);
    expect(first.headers()['content-security-policy']).toContain("'strict-dynamic'");
    for (const response of [first, second]) {
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(1);
      expect(scripts.some((tag) => / src="/.test(tag))).toBe(true);
      for (const tag of scripts) expect(tag).toContain(`nonce="${renderedNonce}"`);
    }
    const identity = await rawGet(`${a.url}${path}`, 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString('utf8')).toContain(`nonce="${renderedNonce}"`);
    for (const instance of [a, b]) {
      const br = await rawGet(`${instance.url}${path}`, 'br, gzip');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
      const gzip = await rawGet(`${instance.url}${path}`, 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    }
  });

  await test.step('a browser loads the kept copy with no CSP violation, and it comes to life', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: operatorHeaders() });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const response = await page.goto(`${a.url}${path}`);
    expect(timing(response as WithHeaders, 'cache-page')).toBe('hit');
    expect(nonceOf(response as WithHeaders)).toBe(renderedNonce);
    expect(await response?.headerValue('content-encoding')).toBe('br');
    // Only a hydrated page answers the click (the handler and the new label are React's).
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
    await expect(page.locator('html')).toHaveClass(/dark/);
    expect(violations).toEqual([]);
    await context.close();
  });

  await test.step('an edit through one instance shows at once on the other', async () => {
    const edited = await author.patch(`/api/articles/${draft.id}`, {
      data: { title: 'Kept whole', body: 'The second version.' },
    });
    expect(edited.status(), await edited.text()).toBe(200);
    const fromB = await reader.get(`${b.url}${path}`);
    expect(await fromB.text()).toContain('The second version.');
    const rerendered = await untilCached(reader, `${b.url}${path}`);
    // Every render has its own nonce: the one read from the old copy authorizes nothing here.
    expect(nonceOf(rerendered)).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(nonceOf(rerendered)).not.toBe(renderedNonce);
  });

  await test.step('a comment and a like through one instance show at once on the other', async () => {
    const comment = await author.post(`/api/articles/${draft.id}/comments`, {
      data: { body: 'A comment the cache must not hide.' },
    });
    expect(comment.status(), await comment.text()).toBe(201);
    expect(await (await reader.get(`${b.url}${path}`)).text()).toContain(
      'A comment the cache must not hide.',
    );
    await untilCached(reader, `${b.url}${path}`);
    const like = await author.put(`/api/articles/${draft.id}/like`, { data: { liked: true } });
    expect(like.status(), await like.text()).toBe(200);
    expect(await (await reader.get(`${b.url}${path}`)).text()).toContain('1 like');
  });

  await test.step('a renamed author shows at once, and an unpublished article is gone at once', async () => {
    await untilCached(reader, `${a.url}${path}`);
    const renamed = await author.patch('/api/profile', {
      data: { displayName: 'A Renamed Author', bio: '' },
    });
    expect(renamed.status(), await renamed.text()).toBe(200);
    expect(await (await reader.get(`${b.url}${path}`)).text()).toContain('A Renamed Author');
    await untilCached(reader, `${a.url}${path}`);
    const unpublished = await author.post(`/api/articles/${draft.id}/unpublish`, { data: {} });
    expect(unpublished.status(), await unpublished.text()).toBe(200);
    expect((await reader.get(`${b.url}${path}`)).status()).toBe(404);
  });
  await Promise.all([author.dispose(), reader.dispose()]);
});

test('a signed-in home page is kept per person and follows their friends’ activity', async ({
  playwright,
}) => {
  test.setTimeout(90_000);
  const [a, b] = clones?.instances ?? [];
  if (!a || !b) throw new Error('no clones');
  const person = async (url: string) => {
    const context = await playwright.request.newContext({
      baseURL: url,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: url, ...operatorHeaders() },
    });
    return { context, account: await signUpViaApi(context, url) };
  };
  const [writer, friend, stranger] = [
    await person(a.url),
    await person(b.url),
    await person(a.url),
  ];
  const request = await writer.context.post('/api/relationships', {
    data: { username: friend.account.username, action: 'request' },
  });
  expect(request.status(), await request.text()).toBeLessThan(300);
  const accept = await friend.context.post('/api/relationships', {
    data: { username: writer.account.username, action: 'accept' },
  });
  expect(accept.status(), await accept.text()).toBeLessThan(300);

  const home = await untilCached(friend.context, '/');
  expect(await home.text()).toContain(`Account menu for ${friend.account.username}`);
  const strangersHome = await untilCached(stranger.context, '/');
  expect(await strangersHome.text()).toContain(`Account menu for ${stranger.account.username}`);

  const draft = (await (
    await writer.context.post('/api/articles', {
      data: { title: 'For my friend', body: 'Fresh from the other instance.' },
    })
  ).json()) as { id: string };
  await writer.context.post(`/api/articles/${draft.id}/publish`, { data: {} });
  await expect
    .poll(async () => (await friend.context.get('/')).text(), { timeout: 15_000 })
    .toContain('For my friend');
  const strangersLater = await (await stranger.context.get('/')).text();
  expect(strangersLater).toContain(`Account menu for ${stranger.account.username}`);
  // Not in their stream, but among everyone's recent articles: their kept page is not stale either.
  expect(strangersLater).toContain('For my friend');
  await Promise.all([writer, friend, stranger].map(({ context }) => context.dispose()));
});
