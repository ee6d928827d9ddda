import type { IncomingMessage, ServerResponse } from 'node:http';
import { readStampsAndBirthsTogether, shardBirths } from '@/lib/cache/change-clock';
import { logger } from '@/lib/log/logger';
import { recordCacheRead } from '@/lib/observability/request-metrics';
import { currentRequestContext, runWithRequestContext } from '@/lib/request/context';
import { isRedisUnavailable, cacheRedis } from '@/lib/redis';
import { readerState, readerStateTail } from '@/lib/reader/reader-state';
import { readSession } from '@/lib/sessions/session-store';
import { hotCopies } from './hot-copies';
import { countView } from './view-counts';
import {
  chooseEncoding,
  compressPage,
  decodeCopy,
  encodeCopy,
  sendCopy,
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

/**
 * Where a page is kept, and for whom it may be rendered: nobody signed in, every signed-in reader
 * (a copy that holds nothing of any of them), or one person.
 */
export interface PageSlot {
  key: string;
  kind: PageKind;
  audience: 'anonymous' | 'members' | 'person';
  /** The only viewer (user id) whose render may be kept here, for a person's page. */
  viewer: string | null;
}

function sharedSlot(
  page: CacheablePage,
  buildId: string,
  audience: 'anonymous' | 'members',
): PageSlot {
  return {
    key: `page:${buildId}:${audience}:${page.path}`,
    kind: page.kind,
    audience,
    viewer: null,
  };
}

/**
 * Where a page is kept: per build (a deploy never serves old HTML), per audience, per path. A
 * signed-in reader's article is the copy for every signed-in reader: no session read on a hit
 * (the copy holds nothing of anyone, so a forged cookie gains nothing from it); their home
 * is theirs alone.
 */
async function pageSlot(page: CacheablePage, buildId: string): Promise<PageSlot | null> {
  if (page.audience.kind === 'anonymous') return sharedSlot(page, buildId, 'anonymous');
  if (page.kind === 'article') return sharedSlot(page, buildId, 'members');
  const session = await readSession(page.audience.sessionId);
  return session
    ? {
        key: `page:${buildId}:user:${session.userId}:${page.path}`,
        kind: page.kind,
        audience: 'person',
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
    // A shared page's slot needs no session read: no await (each costs every hit a little).
    slot =
      page.audience.kind === 'anonymous'
        ? sharedSlot(page, buildId, 'anonymous')
        : await pageSlot(page, buildId);
    if (!slot) return { served: false, slot };
    const { copy, tail } =
      slot.audience === 'members'
        ? await withReaderState(slot, request.headers.cookie)
        : { copy: await currentCopy(slot), tail: undefined };
    recordCacheRead('page', copy !== null);
    if (!copy) return { served: false, slot };
    if (copy.description.countViewOf) countView(copy.description.countViewOf);
    sendCopy(response, copy, chooseEncoding(request.headers['accept-encoding']), tail);
    return { served: true };
  } catch (error) {
    // Without Redis (or with a broken copy) Next renders the page as it would anyway.
    if (!isRedisUnavailable(error)) logger().warn({ err: String(error) }, 'page cache read failed');
    return { served: false, slot };
  }
}

/**
 * How long a hit waits for the reader's state before the page goes out without it (the browser
 * then asks /api/reader): warm, the state is one round trip; only reads of what is not cached
 * (MongoDB, perhaps away) take longer, and a hit must not wait on them.
 */
const READER_STATE_WAIT_MS = 200;

/**
 * The reader's state for the page's article as the HTML that follows it, if it comes in time. Read
 * in a context of its own: nothing it notes (dependencies, refusals) may reach the page capture of
 * a render this request may still make, which is the shared copy's.
 */
function readerStateAfterPage(
  cookie: string | undefined,
  articleId: string,
): Promise<Buffer | undefined> {
  const context = currentRequestContext();
  const read = () =>
    readerState(cookie, articleId).then(
      (state) => readerStateTail(state, articleId),
      () => undefined,
    );
  const reading = context
    ? runWithRequestContext({ ...context, pageCapture: undefined }, read)
    : read();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, READER_STATE_WAIT_MS, undefined);
  });
  return Promise.race([reading, late]).finally(() => clearTimeout(timer));
}

/**
 * A signed-in reader's article: the copy for every reader, finished with their own state (who
 * they are, their like, ...: lib/reader) so one response serves the view. When this instance holds
 * the copy, the state's reads share a round trip with the copy's stamp reads. Without it (a
 * failure, or not in time) the page goes out alone and the browser asks for the state instead.
 */
async function withReaderState(
  slot: PageSlot,
  cookie: string | undefined,
): Promise<{ copy: PageCopy | null; tail?: Buffer }> {
  // The article a page shows is the one its views count for.
  const hot = hotCopies().get(slot.key);
  const hotArticle = hot?.description.countViewOf ?? null;
  const early = hotArticle ? readerStateAfterPage(cookie, hotArticle) : null;
  const copy = await currentCopy(slot, hot);
  const shown = copy?.description.countViewOf;
  if (!copy || !shown) return { copy };
  return {
    copy,
    tail: await (shown === hotArticle && early ? early : readerStateAfterPage(cookie, shown)),
  };
}

/** Memory holds shared pages only: never a page rendered for one person. */
function memoryFor(slot: PageSlot) {
  return slot.audience === 'person' ? null : hotCopies();
}

/** Not past the page lifetime (the Redis copy expires no sooner: it was stored after validFrom). */
function withinLifetime(description: PageDescription, now = Date.now()): boolean {
  return now < description.validFrom + PAGE_TTL_SECONDS * 1000;
}

/**
 * The copy to serve, if the stamps prove one current: this instance's hot copy, else the one in
 * Redis (which then becomes the hot copy). A hot copy that fails the check is dropped at once.
 */
export async function currentCopy(
  slot: PageSlot,
  // The hot copy when the caller has looked it up already (one lookup per hit).
  hot = memoryFor(slot)?.get(slot.key),
): Promise<PageCopy | null> {
  const memory = memoryFor(slot);
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

/** What a render leaves to keep. */
export interface RenderedPage extends Omit<
  PageDescription,
  'variants' | 'stampBirths' | 'gzipCrc'
> {
  html: Buffer;
}

/**
 * Compresses the page once (off the event loop), records its stamp births and stores it in
 * Redis within its kind's budget; an anonymous page becomes this instance's hot copy too.
 */
export async function keepPage(slot: PageSlot, page: RenderedPage): Promise<boolean> {
  const { html, ...rendered } = page;
  const [{ variants, gzipCrc }, stampBirths] = await Promise.all([
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
    gzipCrc,
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
