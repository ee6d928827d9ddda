import type { IncomingMessage } from 'node:http';

/**
 * The pages kept whole in Redis: those read most, whose HTML is a function of cached objects and
 * of who is asking. Everyone else's view of an article or a profile is the same page; a signed-in
 * person's home (their stream) is theirs alone.
 */
const ANONYMOUS_PAGES = [/^\/$/, /^\/u\/[^/]{1,64}$/, /^\/u\/[^/]{1,64}\/[a-z0-9-]{1,90}$/];
const SIGNED_IN_PAGES = [/^\/$/];

export type PageAudience = { kind: 'anonymous' } | { kind: 'session'; sessionId: string };

export interface CacheablePage {
  path: string;
  audience: PageAudience;
}

/**
 * Whether this request may be answered from (and its answer kept in) the page cache: a plain
 * document GET with no query string, not one of Next's client navigations, prefetches or actions.
 */
export function cacheablePage(
  request: IncomingMessage,
  sessionCookieName: string,
): CacheablePage | null {
  if (request.method !== 'GET') return null;
  const url = request.url ?? '/';
  if (url.includes('?') || url.length > 200) return null;
  const headers = request.headers;
  if (headers.rsc || headers['next-router-prefetch'] || headers['next-action']) return null;
  const sessionId = cookieValue(headers.cookie, sessionCookieName);
  if (sessionId) {
    return SIGNED_IN_PAGES.some((page) => page.test(url))
      ? { path: url, audience: { kind: 'session', sessionId } }
      : null;
  }
  return ANONYMOUS_PAGES.some((page) => page.test(url))
    ? { path: url, audience: { kind: 'anonymous' } }
    : null;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim() || null;
    }
  }
  return null;
}
