import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { setLike } from '@/lib/articles/likes';
import { forgetCached } from '@/lib/cache/cache-aside';
import { CLOCK_SKEW_MS } from '@/lib/cache/change-clock';
import { splitReaderState } from '@/lib/reader/reader-state-element';
import { sessionCookie } from '@/lib/sessions/cookie';
import { createSession } from '@/lib/sessions/session-store';
import { publishAs } from '@/lib/testing/people';
import { roundTripsOf } from '@/lib/testing/round-trips';
import { pageCacheServer } from './test-server';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { userKeys } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';
import { keepPage, type PageSlot } from './page-cache';

setUpTestStores();

const settle = () => localExecutor().idle();
const BUILD = 'members-hit';
const html = Buffer.from(
  `<!DOCTYPE html><html><body>${'<p>One copy for every signed-in reader ✓</p>'.repeat(300)}</body></html>`,
);

const membersServer = () => pageCacheServer(BUILD, { kind: 'session', sessionId: 'any' });

function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const membersSlot = (path: string): PageSlot => ({
  key: `page:${BUILD}:members:${path}`,
  kind: 'article',
  audience: 'members',
  viewer: null,
});

/** Keeps `html` as the copy for every signed-in reader of the article at `path`. */
function keepForMembers(path: string, articleId: string) {
  return keepPage(membersSlot(path), {
    validFrom: Date.now() - CLOCK_SKEW_MS,
    // Changes made while setting up are not this page's concern.
    dependencies: [`article:kept-${articleId}`],
    headers: [['content-type', 'text/html; charset=utf-8']],
    countViewOf: articleId,
    html,
  });
}

const decoders: Record<string, (body: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  identity: (body) => body,
};

/** The page as the reader's browser decodes it, and the state it carries after the HTML. */
async function view(url: string, cookie: string, encoding: string) {
  const { headers, body } = await rawGet(url, { cookie, 'accept-encoding': encoding });
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  const decoded = decoders[headers['content-encoding'] ?? 'identity']!(body);
  const { page, state } = splitReaderState(decoded.toString('utf8'));
  expect(page).toBe(html.toString('utf8'));
  return { headers, state: state as Record<string, unknown> | null };
}

describe("a signed-in reader's article is one response: the shared copy, then their own state", () => {
  it('sends each reader their own state after the same kept bytes, in every encoding, never stored', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const { id: articleId } = await publishAs(ada, 'For every reader', settle);
    await setLike(bob.viewer, articleId, true);
    await settle();
    const path = '/u/ada/for-every-reader';
    await keepForMembers(path, articleId);
    const cookieOf = async (userId: string) =>
      `${sessionCookie().name}=${(await createSession(userId, { userAgent: 't', ip: '127.0.0.1' })).id}`;
    const [adaCookie, bobCookie] = await Promise.all([cookieOf(ada.id), cookieOf(bob.id)]);
    const server = await membersServer();
    try {
      const url = `${server.url}${path}`;
      for (const encoding of ['br', 'gzip', 'identity']) {
        const bobs = await view(url, bobCookie, encoding);
        expect(bobs.headers['cache-control']).toBe('private, no-store');
        expect(bobs.state).toMatchObject({
          article: articleId,
          status: 'signed-in',
          user: { id: bob.id },
          liked: true,
        });
        const adas = await view(url, adaCookie, encoding);
        expect(adas.state).toMatchObject({
          status: 'signed-in',
          user: { id: ada.id },
          liked: false,
        });
      }
      // A made-up session is nobody's: the same page, and the state says signed out.
      const forged = await view(url, `${sessionCookie().name}=${'x'.repeat(43)}`, 'br');
      expect(forged.state).toEqual({ article: articleId, status: 'signed-out' });

      // Warm, from this instance's memory, with a session it has seen: the copy's stamps, the
      // session and the reader's own parts go out at once (the stamps' pipeline of the moment and
      // the store's; one store here, where the durable and the cache store are one Redis).
      // (The hit's view count may go out in that moment too: a third pipeline, not a round trip.)
      expect((await roundTripsOf(() => view(url, bobCookie, 'br'))).sequential).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('sends the page without waiting on what is not cached (the browser then asks for the state)', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const { id: articleId } = await publishAs(ada, 'Cold reader', settle);
    const path = '/u/ada/cold-reader';
    await keepForMembers(path, articleId);
    const session = await createSession(bob.id, { userAgent: 't', ip: '127.0.0.1' });
    await forgetCached(userKeys.byId(bob.id));
    // MongoDB does not answer (away, or slow): Bob's user cannot be read.
    const stalled = vi.spyOn(UserModel, 'findById').mockReturnValue({
      lean: () => new Promise(() => undefined),
    } as unknown as ReturnType<typeof UserModel.findById>);
    const server = await membersServer();
    try {
      const started = performance.now();
      const { headers, body } = await rawGet(`${server.url}${path}`, {
        cookie: `${sessionCookie().name}=${session.id}`,
      });
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(body.equals(html)).toBe(true);
      expect(headers['cache-control']).toBeUndefined();
    } finally {
      stalled.mockRestore();
      await server.close();
    }
  });
});
