import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { setLike } from '@/lib/articles/likes';
import { forgetCached } from '@/lib/cache/cache-aside';
import { CLOCK_SKEW_MS } from '@/lib/cache/change-clock';
import { READER_STATE_ELEMENT } from '@/lib/reader/reader-state-element';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { sessionCookie } from '@/lib/sessions/cookie';
import { createSession } from '@/lib/sessions/session-store';
import { publishAs } from '@/lib/testing/people';
import { roundTripsOf } from '@/lib/testing/round-trips';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { userKeys } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';
import { keepPage, serveCachedPage, type PageSlot } from './page-cache';

setUpTestStores();

const settle = () => localExecutor().idle();
const BUILD = 'members-hit';
const html = Buffer.from(
  `<!DOCTYPE html><html><body>${'<p>One copy for every signed-in reader ✓</p>'.repeat(300)}</body></html>`,
);

/** A server answering signed-in readers' articles only from the page cache (404 on a miss). */
async function membersServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    runWithRequestContext(createRequestContext('test'), async () => {
      const page = {
        path: request.url ?? '/',
        kind: 'article' as const,
        audience: { kind: 'session' as const, sessionId: 'any' },
      };
      const outcome = await serveCachedPage(request, response, page, BUILD);
      if (!outcome.served) response.writeHead(404).end('miss');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

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
  expect(decoded.subarray(0, html.length).equals(html)).toBe(true);
  const tail = decoded.subarray(html.length).toString('utf8');
  const match = new RegExp(
    `^<script type="application/json" id="${READER_STATE_ELEMENT}">(.*)</script>$`,
  ).exec(tail);
  return { headers, state: JSON.parse(match?.[1] ?? 'null') as Record<string, unknown> };
}

describe("a signed-in reader's article is one response: the shared copy, then their own state", () => {
  it('sends each reader their own state after the same kept bytes, in every encoding, never stored', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const { id: articleId } = await publishAs(ada, 'For every reader', settle);
    await setLike(bob.viewer, articleId, true);
    await settle();
    const path = '/u/ada/for-every-reader';
    await keepPage(membersSlot(path), {
      validFrom: Date.now() - CLOCK_SKEW_MS,
      // Changes made while setting up are not this page's concern.
      dependencies: [`article:kept-${articleId}`],
      headers: [['content-type', 'text/html; charset=utf-8']],
      countViewOf: articleId,
      html,
    });
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
      expect(await roundTripsOf(() => view(url, bobCookie, 'br'))).toEqual({
        pipelines: 2,
        sequential: 1,
      });
    } finally {
      await server.close();
    }
  });

  it('sends the page without waiting on what is not cached (the browser then asks for the state)', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const { id: articleId } = await publishAs(ada, 'Cold reader', settle);
    const path = '/u/ada/cold-reader';
    await keepPage(membersSlot(path), {
      validFrom: Date.now() - CLOCK_SKEW_MS,
      dependencies: [`article:kept-${articleId}`],
      headers: [['content-type', 'text/html; charset=utf-8']],
      countViewOf: articleId,
      html,
    });
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
