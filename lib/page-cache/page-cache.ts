import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOCK_SKEW_MS, readStampsAndBirthsTogether, shardBirths } from '@/lib/cache/change-clock';
import { logger } from '@/lib/log/logger';
import { recordCacheRead } from '@/lib/observability/request-metrics';
import { isRedisUnavailable, cacheRedis } from '@/lib/redis';
import type { PageCapture, RequestContext } from '@/lib/request/context';
import { readSession } from '@/lib/sessions/session-store';
import { hotCopies } from './hot-copies';
import { countView } from './view-counts';
import {
  chooseEncoding,
  compressPage,
  decodeCopy,
  encodeCopy,
  sendCopy,
  varyOnEncoding,
  type PageCopy,
  type PageDescription,
} from './page-copy';
import type { CacheablePage, PageKind } from './routes';

/**
 * Whole rendered pages in Redis, shared by every instance (Next's own caches are per instance).
 *
 * A miss renders through Next as usual while the server keeps a copy of the bytes, compressed
 * once (gzip and brotli) when it is kept; the cached objects the render read are its
 * dependencies (lib/cache/change-clock). A hit is served while none of them has changed since
 * the render began, without running Next at all: one read of the page (none when this instance
 * holds it in memory: ./hot-copies.ts), one read per stamp shard, and the stored bytes in the
 * encoding the client accepts. The copy keeps the CSP nonce it was rendered with
 * (docs/security.md says why that is safe).
 */
export const PAGE_TTL_SECONDS = 10 * 60;
const MAX_PAGE_BYTES = 2_000_000;
// Per response, or recomputed on a hit.
const NOT_KEPT = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'date',
  'keep-alive',
  'server-timing',
  'set-cookie',
  'transfer-encoding',
  'vary',
  'x-inkwell-instance',
  'x-request-id',
]);
// React marks a Suspense boundary whose content failed on the server (client-rendered instead).
const STREAMED_ERROR = /<template data-dgst|\$RX\(/;

/**
 * Bytes of pages each kind may store per page lifetime: with canonical paths the number of pages
 * is bounded by the data, and this bounds what anyone can make Redis hold through them.
 */
export const BYTES_PER_KIND: Record<PageKind, number> = {
  home: 32_000_000,
  profile: 256_000_000,
  article: 512_000_000,
  stream: 512_000_000,
};

/** Where a page is kept, and for whom it may be rendered. */
export interface PageSlot {
  key: string;
  kind: PageKind;
  /** The only viewer (user id, or null for nobody signed in) whose render may be kept here. */
  viewer: string | null;
}

function anonymousSlot(page: CacheablePage, buildId: string): PageSlot {
  return { key: `page:${buildId}:anonymous:${page.path}`, kind: page.kind, viewer: null };
}

/** Where a page is kept: per build (a deploy never serves old HTML), per audience, per path. */
async function pageSlot(page: CacheablePage, buildId: string): Promise<PageSlot | null> {
  if (page.audience.kind === 'anonymous') return anonymousSlot(page, buildId);
  const session = await readSession(page.audience.sessionId);
  return session
    ? {
        key: `page:${buildId}:user:${session.userId}:${page.path}`,
        kind: page.kind,
        viewer: session.userId,
      }
    : null;
}

export type PageCacheOutcome = { served: true } | { served: false; slot: PageSlot | null };

/** Answers from the page cache when it holds a current copy. */
export async function serveCachedPage(
  request: IncomingMessage,
  response: ServerResponse,
  page: CacheablePage,
  buildId: string,
): Promise<PageCacheOutcome> {
  let slot: PageSlot | null = null;
  try {
    // An anonymous page's slot needs no session read: no await (each costs every hit a little).
    slot =
      page.audience.kind === 'anonymous'
        ? anonymousSlot(page, buildId)
        : await pageSlot(page, buildId);
    if (!slot) return { served: false, slot };
    const copy = await currentCopy(slot);
    recordCacheRead('page', copy !== null);
    if (!copy) return { served: false, slot };
    if (copy.description.countViewOf) countView(copy.description.countViewOf);
    sendCopy(response, copy, chooseEncoding(request.headers['accept-encoding']));
    return { served: true };
  } catch (error) {
    // Without Redis (or with a broken copy) Next renders the page as it would anyway.
    if (!isRedisUnavailable(error)) logger().warn({ err: String(error) }, 'page cache read failed');
    return { served: false, slot };
  }
}

/** Memory holds anonymous pages only: never a page rendered for one person. */
function memoryFor(slot: PageSlot) {
  return slot.viewer === null ? hotCopies() : null;
}

/** Not past the page lifetime (the Redis copy expires no sooner: it was stored after validFrom). */
function withinLifetime(description: PageDescription, now = Date.now()): boolean {
  return now < description.validFrom + PAGE_TTL_SECONDS * 1000;
}

/**
 * The copy to serve, if the stamps prove one current: this instance's hot copy, else the one in
 * Redis (which then becomes the hot copy). A hot copy that fails the check is dropped at once.
 */
export async function currentCopy(slot: PageSlot): Promise<PageCopy | null> {
  const memory = memoryFor(slot);
  const hot = memory?.get(slot.key);
  if (hot) {
    if (withinLifetime(hot.description) && (await isCurrent(hot.description))) return hot;
    memory?.delete(slot.key);
  }
  const raw = await cacheRedis().getBytes(slot.key);
  const copy = raw ? decodeCopy(raw) : null;
  // The same copy as the stale hot one is stale too: no second stamp read.
  if (!copy || copy.description.validFrom === hot?.description.validFrom) return null;
  if (!(await isCurrent(copy.description))) return null;
  if (withinLifetime(copy.description)) memory?.set(slot.key, copy);
  return copy;
}

/**
 * Keeps a copy of what Next sends for this request, and stores it when the render finished as a
 * plain 200 HTML page that nothing refused (lib/request/context.ts). The render's reads start now, so the
 * copy is current for changes stamped before now (less the clock skew between instances).
 */
export function capturePage(
  request: IncomingMessage,
  response: ServerResponse,
  context: RequestContext,
  slot: PageSlot,
): void {
  const validFrom = Date.now() - CLOCK_SKEW_MS;
  const capture: PageCapture = {
    dependencies: new Set<string>(),
    countViewOf: null,
    refused: null,
  };
  context.pageCapture = capture;
  // Next sends the page uncompressed: it is compressed once, when kept.
  delete request.headers['accept-encoding'];
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (capture.refused || chunk === undefined || chunk === null || typeof chunk === 'function')
      return;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_PAGE_BYTES) capture.refused = 'too large';
    else chunks.push(bytes);
  };
  const write = response.write;
  const end = response.end;
  response.write = function writeAndKeep(this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse['write'];
  response.end = function endAndKeep(this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];

  response.on('finish', () => {
    const page = keepable(response, capture, slot, chunks);
    if (!page) return;
    keepPage(slot, {
      validFrom,
      dependencies: [...capture.dependencies],
      headers: page.headers,
      countViewOf: capture.countViewOf,
      html: page.html,
    }).catch(() => undefined);
  });
}

/** The page's headers and HTML, if the response may be kept at all. */
function keepable(
  response: ServerResponse,
  capture: PageCapture,
  slot: PageSlot,
  chunks: Buffer[],
): { headers: [string, string][]; html: Buffer } | null {
  const contentType = String(response.getHeader('content-type') ?? '');
  if (
    capture.refused ||
    // Kept only under the key of the viewer the render saw (never a signed-in page as anyone's).
    (capture.viewer ?? null) !== slot.viewer ||
    response.statusCode !== 200 ||
    response.getHeader('set-cookie') !== undefined ||
    response.getHeader('content-encoding') !== undefined ||
    !contentType.startsWith('text/html')
  ) {
    return null;
  }
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value === undefined || NOT_KEPT.has(name)) continue;
    headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  const vary = response.getHeader('vary');
  headers.push(['vary', varyOnEncoding(Array.isArray(vary) ? vary.join(', ') : vary?.toString())]);
  const body = Buffer.concat(chunks).toString('utf8');
  // A part that failed after the page began streaming still answers 200: never keep that.
  if (STREAMED_ERROR.test(body)) return null;
  return { headers, html: Buffer.from(body, 'utf8') };
}

/** What a render leaves to keep. */
export interface RenderedPage extends Omit<PageDescription, 'variants' | 'stampBirths'> {
  html: Buffer;
}

/**
 * Compresses the page once (off the event loop), records its stamp births and stores it in
 * Redis within its kind's budget; an anonymous page becomes this instance's hot copy too.
 */
export async function keepPage(slot: PageSlot, page: RenderedPage): Promise<boolean> {
  const { html, ...rendered } = page;
  const [variants, stampBirths] = await Promise.all([
    compressPage(html),
    shardBirths(rendered.dependencies),
  ]);
  const description: PageDescription = {
    ...rendered,
    stampBirths,
    variants: {
      identity: variants.identity.length,
      gzip: variants.gzip.length,
      br: variants.br.length,
    },
  };
  if (!(await storeWithinBudget(slot, encodeCopy(description, variants)))) return false;
  const bytes = variants.identity.length + variants.gzip.length + variants.br.length;
  memoryFor(slot)?.set(slot.key, { description, variants, bytes });
  return true;
}

/** No dependency changed since the render began, and no stamp hash was lost since it was kept. */
export async function isCurrent(description: PageDescription): Promise<boolean> {
  // Hits that arrived together share one read (sent after all of them arrived).
  const { stamps, births } = await readStampsAndBirthsTogether(description.dependencies);
  return (
    stamps.every((stamp) => stamp < description.validFrom) &&
    Object.entries(births).every(([shard, born]) => description.stampBirths?.[shard] === born)
  );
}

/** The counter of bytes a kind stored in the current page lifetime. */
export function pageBudgetKey(kind: PageKind, now = Date.now()): string {
  return `page-budget:${kind}:${Math.floor(now / (PAGE_TTL_SECONDS * 1000))}`;
}

/** Stores a page unless its kind has stored its share of bytes in this page lifetime already. */
export async function storeWithinBudget(slot: PageSlot, page: string): Promise<boolean> {
  const store = cacheRedis();
  const budgetKey = pageBudgetKey(slot.kind);
  const [spent] = await store.all([
    store.cmd.incrBy(budgetKey, Buffer.byteLength(page)),
    store.cmd.expire(budgetKey, PAGE_TTL_SECONDS * 2),
  ] as const);
  if (spent > BYTES_PER_KIND[slot.kind]) {
    logger().warn({ kind: slot.kind }, 'page cache budget spent; page not kept');
    return false;
  }
  return store.one(store.cmd.set(slot.key, page, { ttlSeconds: PAGE_TTL_SECONDS }));
}
