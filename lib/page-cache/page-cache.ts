import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { recordView } from '@/lib/articles/counters';
import { CLOCK_SKEW_MS, readStampsAndBirths, shardBirths } from '@/lib/cache/change-clock';
import { logger } from '@/lib/log/logger';
import { recordCacheRead } from '@/lib/observability/request-metrics';
import { isRedisUnavailable, cacheRedis } from '@/lib/redis';
import type { PageCapture, RequestContext } from '@/lib/request/context';
import { readSession } from '@/lib/sessions/session-store';
import type { CacheablePage, PageKind } from './routes';

/**
 * Whole rendered pages in Redis, shared by every instance (Next's own caches are per instance).
 *
 * A miss renders through Next as usual while the server keeps a copy of the bytes; the cached
 * objects the render read are its dependencies (lib/cache/change-clock). A hit is served while
 * none of them has changed since the render began, without running Next at all: one read of the
 * page, one read per dependency's change stamp, and a fresh CSP nonce written into the copy.
 */
const PAGE_TTL_SECONDS = 10 * 60;
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
  'x-inkwell-instance',
  'x-request-id',
]);
const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;
// React marks a Suspense boundary whose content failed on the server (client-rendered instead).
const STREAMED_ERROR = /<template data-dgst|\$RX\(/;

/** What is kept beside the HTML. */
interface PageDescription {
  /** Current while every dependency's change stamp is older than this. */
  validFrom: number;
  dependencies: string[];
  /**
   * The birth of each stamp hash the dependencies fall in, when the page was stored: a hash
   * evicted since (cache Redis full) lost stamps, so the page is current only while they match.
   */
  stampBirths?: Record<string, string>;
  headers: [string, string][];
  /** The nonce this copy was rendered with; each hit gets a new one in its place. */
  nonce: string | null;
  countViewOf: string | null;
}

// Kept as the description (JSON), a NUL, then the HTML's bytes as they were sent. A hit reads
// the value as bytes, parses only the small description and sends the HTML without ever turning
// it into a string (HTML text cannot contain a NUL; JSON escapes one).
function encodePage(description: PageDescription, body: string): string {
  return `${JSON.stringify(description)}\u0000${body}`;
}

function decodePage(raw: Buffer): { description: PageDescription; body: Buffer } | null {
  const separator = raw.indexOf(0);
  if (separator < 0) return null;
  return {
    description: JSON.parse(raw.toString('utf8', 0, separator)) as PageDescription,
    body: raw.subarray(separator + 1),
  };
}

/** Writes `next` over every occurrence of `previous` (same length: both are 16-byte nonces). */
function replaceInPlace(bytes: Buffer, previous: string, next: string): void {
  const from = Buffer.from(previous);
  const to = Buffer.from(next);
  if (from.length !== to.length) throw new Error('nonces differ in length');
  for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + to.length))
    to.copy(bytes, at);
}

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

/** Where a page is kept: per build (a deploy never serves old HTML), per audience, per path. */
async function pageSlot(page: CacheablePage, buildId: string): Promise<PageSlot | null> {
  if (page.audience.kind === 'anonymous')
    return { key: `page:${buildId}:anonymous:${page.path}`, kind: page.kind, viewer: null };
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
    slot = await pageSlot(page, buildId);
    if (!slot) return { served: false, slot };
    const raw = await cacheRedis().getBytes(slot.key);
    const cached = raw ? decodePage(raw) : null;
    const current = cached !== null && (await isCurrent(cached.description));
    recordCacheRead('page', current);
    if (!cached || !current) return { served: false, slot };
    if (cached.description.countViewOf) {
      recordView(cached.description.countViewOf).catch(() => undefined);
    }
    // A copy (a memcpy, no decoding): the client library may reuse the memory it read into.
    send(request, response, cached.description, Buffer.from(cached.body));
    return { served: true };
  } catch (error) {
    // Without Redis (or with a broken copy) Next renders the page as it would anyway.
    if (!isRedisUnavailable(error)) logger().warn({ err: String(error) }, 'page cache read failed');
    return { served: false, slot };
  }
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  description: PageDescription,
  html: Buffer,
): void {
  const previous = description.nonce;
  const nonce = previous ? randomBytes(16).toString('base64') : null;
  for (const [name, value] of description.headers)
    response.setHeader(name, previous && nonce ? value.replaceAll(previous, nonce) : value);
  // This response's own copy of the bytes: rewritten where they lie.
  if (previous && nonce) replaceInPlace(html, previous, nonce);
  let body: Buffer = html;
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    body = gzipSync(body, { level: 1 });
    response.setHeader('Content-Encoding', 'gzip');
  }
  response.setHeader('Content-Length', body.length);
  response.writeHead(200);
  response.end(body);
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
  // The copy is kept uncompressed: each hit gets its own nonce.
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
      return;
    }
    const headers: [string, string][] = [];
    for (const [name, value] of Object.entries(response.getHeaders())) {
      if (value === undefined || NOT_KEPT.has(name)) continue;
      headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    // A part that failed after the page began streaming still answers 200: never keep that.
    if (STREAMED_ERROR.test(body)) return;
    const csp = String(response.getHeader('content-security-policy') ?? '');
    const description: PageDescription = {
      validFrom,
      dependencies: [...capture.dependencies],
      headers,
      nonce: NONCE.exec(csp)?.[1] ?? null,
      countViewOf: capture.countViewOf,
    };
    shardBirths(description.dependencies)
      .then((births) =>
        storeWithinBudget(slot, encodePage({ ...description, stampBirths: births }, body)),
      )
      .catch(() => undefined);
  });
}

/** No dependency changed since the render began, and no stamp hash was lost since it was kept. */
async function isCurrent(description: PageDescription): Promise<boolean> {
  const { stamps, births } = await readStampsAndBirths(description.dependencies);
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
export async function storeWithinBudget(slot: PageSlot, page: string): Promise<void> {
  const store = cacheRedis();
  const budgetKey = pageBudgetKey(slot.kind);
  const [spent] = await store.all([
    store.cmd.incrBy(budgetKey, Buffer.byteLength(page)),
    store.cmd.expire(budgetKey, PAGE_TTL_SECONDS * 2),
  ] as const);
  if (spent > BYTES_PER_KIND[slot.kind]) {
    logger().warn({ kind: slot.kind }, 'page cache budget spent; page not kept');
    return;
  }
  await store.one(store.cmd.set(slot.key, page, { ttlSeconds: PAGE_TTL_SECONDS }));
}
