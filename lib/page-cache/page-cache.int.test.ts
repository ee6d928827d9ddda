import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, stampOps, stampShardOf } from '@/lib/cache/change-clock';
import { Types } from 'mongoose';
import { articleKeys } from '@/lib/articles/cache';
import { cacheRedis, durableRedis } from '@/lib/redis';
import {
  createRequestContext,
  noteViewer,
  runWithRequestContext,
  shareWithMembers,
} from '@/lib/request/context';
import { pageCacheServer } from './test-server';
import { setUpTestStores } from '@/lib/testing/stores';
import { capturePage } from './capture-page';
import { hotCopies } from './hot-copies';
import {
  BYTES_PER_KIND,
  keepPage,
  pageBudgetKey,
  storeWithinBudget,
  type PageSlot,
} from './page-cache';

setUpTestStores();

describe('the page cache is bounded per kind of page', () => {
  it('stores pages until the kind has spent its bytes for this page lifetime, then none', async () => {
    const store = cacheRedis();
    const slot = (path: string): PageSlot => ({
      key: `page:test:anonymous:${path}`,
      kind: 'profile',
      audience: 'anonymous',
      viewer: null,
    });
    await storeWithinBudget(slot('/u/first'), 'x'.repeat(1_000));
    expect(await store.one(store.cmd.exists(slot('/u/first').key))).toBe(true);
    // Spend the rest of the budget, as a flood of pages would.
    await store.one(store.cmd.incrBy(pageBudgetKey('profile'), BYTES_PER_KIND.profile - 1_000));
    await storeWithinBudget(slot('/u/second'), 'x'.repeat(1_000));
    expect(await store.one(store.cmd.exists(slot('/u/second').key))).toBe(false);
    // Another kind keeps its own budget.
    await storeWithinBudget({ ...slot('/u/x/article'), kind: 'article' }, 'x'.repeat(1_000));
    expect(await store.one(store.cmd.exists(slot('/u/x/article').key))).toBe(true);
  });
});

const BUILD = 'test-build';
const html = Buffer.from(
  `<!DOCTYPE html><html><head><script nonce="rendered-nonce">1</script></head><body>${'<p>A kept article ✓</p>'.repeat(400)}</body></html>`,
);

const pageServer = () => pageCacheServer(BUILD, { kind: 'anonymous' });

/** GET with exactly this Accept-Encoding, the body as sent (not decoded). */
function rawGet(url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
      get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
}

function slotOf(path: string, viewer: string | null = null): PageSlot {
  return viewer
    ? { key: `page:${BUILD}:user:${viewer}:${path}`, kind: 'article', audience: 'person', viewer }
    : { key: `page:${BUILD}:anonymous:${path}`, kind: 'article', audience: 'anonymous', viewer };
}

async function keep(
  path: string,
  dependencies: string[],
  viewer: string | null = null,
  countViewOf: string | null = null,
) {
  return keepPage(slotOf(path, viewer), {
    validFrom: Date.now() - CLOCK_SKEW_MS,
    dependencies,
    headers: [
      ['content-type', 'text/html; charset=utf-8'],
      ['content-security-policy', "script-src 'self' 'nonce-rendered-nonce' 'strict-dynamic'"],
      ['vary', 'RSC, Accept-Encoding'],
    ],
    countViewOf,
    html,
  });
}

describe('a hit sends the bytes compressed when the page was kept', () => {
  it('picks brotli, gzip or identity by Accept-Encoding; each decodes to the same page', async () => {
    const server = await pageServer();
    try {
      expect(await keep('/u/ada/compressed', ['article:c1'])).toBe(true);
      const url = `${server.url}/u/ada/compressed`;
      const br = await rawGet(url, 'br, gzip');
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.headers.vary).toBe('RSC, Accept-Encoding');
      expect(brotliDecompressSync(br.body).equals(html)).toBe(true);
      const gzip = await rawGet(url, 'br;q=0, gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(html)).toBe(true);
      const identity = await rawGet(url);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.body.equals(html)).toBe(true);
      // The copy keeps the nonce it was rendered with, in its header and its scripts.
      expect(identity.headers['content-security-policy']).toContain("'nonce-rendered-nonce'");
    } finally {
      await server.close();
    }
  });
});

describe("an instance's hot copies are served only while the stamps prove them current", () => {
  it('serves a kept anonymous page from memory, and drops it when a dependency changes elsewhere', async () => {
    const server = await pageServer();
    try {
      const slot = slotOf('/u/ada/hot');
      await keep('/u/ada/hot', ['article:h1', 'user:h1']);
      expect(hotCopies().get(slot.key)).toBeDefined();
      // Gone from Redis: only this instance's memory can answer.
      await cacheRedis().one(cacheRedis().cmd.del(slot.key));
      expect((await rawGet(`${server.url}/u/ada/hot`)).status).toBe(200);
      // Another instance changes the article: all this one sees is the stamp.
      await cacheRedis().all(stampOps(['{article:h1}:body']));
      expect((await rawGet(`${server.url}/u/ada/hot`)).status).toBe(404);
      expect(hotCopies().get(slot.key)).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('drops a hot copy when a stamp hash it depends on was lost (its birth changed)', async () => {
    const server = await pageServer();
    try {
      const slot = slotOf('/u/ada/born');
      const tag = 'article:b1';
      await keep('/u/ada/born', [tag]);
      await cacheRedis().one(cacheRedis().cmd.del(slot.key));
      expect((await rawGet(`${server.url}/u/ada/born`)).status).toBe(200);
      // The cache Redis evicts the hash (with a stamp in it), and a later write recreates it.
      await cacheRedis().one(cacheRedis().cmd.del(stampShardOf(tag)));
      await cacheRedis().all(stampOps(['{another:object}'], Date.now() + 5_000));
      expect((await rawGet(`${server.url}/u/ada/born`)).status).toBe(404);
      expect(hotCopies().get(slot.key)).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('takes a current copy from Redis into memory, and never keeps a per-person page there', async () => {
    const server = await pageServer();
    try {
      const slot = slotOf('/u/ada/shared');
      await keep('/u/ada/shared', ['article:s1']);
      hotCopies().delete(slot.key); // as on an instance that never rendered it
      expect((await rawGet(`${server.url}/u/ada/shared`)).status).toBe(200);
      expect(hotCopies().get(slot.key)).toBeDefined();
      const personal = slotOf('/', 'someone');
      expect(await keep('/', ['stream:someone'], 'someone')).toBe(true);
      expect(hotCopies().get(personal.key)).toBeUndefined();
      expect(await cacheRedis().one(cacheRedis().cmd.exists(personal.key))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('hits still count their views', () => {
  it('counts every hit of every article, gathered for a moment and sent together', async () => {
    const server = await pageServer();
    try {
      const [first, second] = [new Types.ObjectId().toString(), new Types.ObjectId().toString()];
      await keep('/u/ada/viewed', ['article:v1'], null, first);
      await keep('/u/ada/also-viewed', ['article:v2'], null, second);
      const hits = [
        ...Array.from({ length: 20 }, () => rawGet(`${server.url}/u/ada/viewed`, 'br')),
        ...Array.from({ length: 5 }, () => rawGet(`${server.url}/u/ada/also-viewed`, 'gzip')),
      ];
      expect((await Promise.all(hits)).map((hit) => hit.status)).toEqual(hits.map(() => 200));
      const store = durableRedis();
      await expect
        .poll(async () =>
          store.all([
            store.cmd.get(articleKeys.views(first)),
            store.cmd.get(articleKeys.views(second)),
          ]),
        )
        .toEqual(['20', '5']);
      const dirty = await store.one(store.cmd.smembers(articleKeys.dirtyCounters));
      expect(dirty).toEqual(expect.arrayContaining([first, second]));
    } finally {
      await server.close();
    }
  });
});

describe('one copy of a public article for every signed-in reader', () => {
  const membersSlot = (path: string): PageSlot => ({
    key: `page:${BUILD}:members:${path}`,
    kind: 'article',
    audience: 'members',
    viewer: null,
  });

  /** Renders `body` as `viewer` would, through the capture, and says whether it was kept. */
  async function renderAs(
    path: string,
    viewer: string | null,
    body: string,
    { shared }: { shared: boolean },
  ): Promise<boolean> {
    const slot = membersSlot(path);
    const server = createServer((request, response) => {
      const context = createRequestContext('render');
      runWithRequestContext(context, () => {
        capturePage(request, response, context, slot);
        noteViewer(viewer);
        if (shared) shareWithMembers();
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await rawGet(`http://127.0.0.1:${port}${path}`);
      // The copy is compressed and stored after the response finished.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return await cacheRedis().one(cacheRedis().cmd.exists(slot.key));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  const reader = new Types.ObjectId().toString();
  const page = '<!DOCTYPE html><html><body><h1>A public article</h1></body></html>';

  it('keeps a signed-in render that the page declared the same for every reader', async () => {
    expect(await renderAs('/u/ada/for-all', reader, page, { shared: true })).toBe(true);
  });

  it('never keeps one the page did not declare shared (a friends-only article)', async () => {
    expect(await renderAs('/u/ada/friends-only', reader, page, { shared: false })).toBe(false);
  });

  it('never keeps a render that saw nobody signed in, as the copy for signed-in readers', async () => {
    expect(await renderAs('/u/ada/nobody', null, page, { shared: true })).toBe(false);
  });

  it('never keeps a copy that holds the id of the reader it was rendered for', async () => {
    const leaky = page.replace('</h1>', `</h1><button data-viewer="${reader}">Edit</button>`);
    expect(await renderAs('/u/ada/leaky', reader, leaky, { shared: true })).toBe(false);
  });
});
