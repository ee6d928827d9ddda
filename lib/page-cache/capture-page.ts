import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOCK_SKEW_MS } from '@/lib/cache/change-clock';
import { logger } from '@/lib/log/logger';
import { newPageCapture, type PageCapture, type RequestContext } from '@/lib/request/context';
import { varyOnEncoding } from './page-copy';
import { keepPage, type PageSlot } from './page-cache';

/*
 * The miss side of the page cache (./page-cache.ts): Next renders the page as usual while the
 * server keeps a copy of the bytes it sends, and the copy is stored if the render may be kept for
 * the slot's audience.
 */
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
  const capture = newPageCapture(slot.audience);
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
    !rightAudience(capture, slot) ||
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
  // The last line of defence of a copy for every reader: the one who rendered it is not in it.
  if (slot.audience === 'members' && body.includes(capture.viewer as string)) {
    logger().warn({ path: slot.key }, 'page for every reader names its renderer; not kept');
    return null;
  }
  return { headers, html: Buffer.from(body, 'utf8') };
}

/**
 * The render saw the viewer its slot is for: nobody for an anonymous page, that person for theirs
 * (never a signed-in page as anyone's), and for every signed-in reader's copy, a signed-in reader
 * on a page that declared itself the same for all of them.
 */
function rightAudience(capture: PageCapture, slot: PageSlot): boolean {
  const viewer = capture.viewer ?? null;
  switch (slot.audience) {
    case 'anonymous':
      return viewer === null;
    case 'person':
      return viewer !== null && viewer === slot.viewer;
    case 'members':
      return viewer !== null && capture.sharedWithMembers;
  }
}
