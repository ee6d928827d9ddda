import type { IncomingMessage } from 'node:http';
import { identifyRequest } from '@/lib/sessions/request-identity';

/**
 * The pages kept whole in Redis: those read most, whose HTML is a function of cached objects and
 * of who is asking. Everyone else's view of an article or a profile is the same page; so is every
 * signed-in reader's view of a public article (what differs per reader is filled in the browser);
 * a signed-in person's home (their stream) is theirs alone. Paths are canonical here (the server answers 308
 * to any other spelling first: lib/http/canonical-url.ts), so each page has one key.
 */
export type PageKind = 'home' | 'profile' | 'article' | 'stream';

const ARTICLE = /^\/u\/[a-z0-9_]{3,30}\/[a-z0-9-]{1,90}$/;
const ANONYMOUS_PAGES: [PageKind, RegExp][] = [
  ['home', /^\/$/],
  ['profile', /^\/u\/[a-z0-9_]{3,30}$/],
  ['article', ARTICLE],
];
// A signed-in reader's article is one copy for every signed-in reader (lib/page-cache/page-cache.ts).
const SIGNED_IN_PAGES: [PageKind, RegExp][] = [
  ['stream', /^\/$/],
  ['article', ARTICLE],
];

export type PageAudience = { kind: 'anonymous' } | { kind: 'session'; sessionId: string };

export interface CacheablePage {
  path: string;
  kind: PageKind;
  audience: PageAudience;
}

/**
 * Whether this request may be answered from (and its answer kept in) the page cache: a plain
 * document GET with no query string, not one of Next's client navigations, prefetches or actions,
 * from a request whose identity is unambiguous.
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
  const identity = identifyRequest(headers.cookie, sessionCookieName);
  if (identity.kind === 'ambiguous') return null;
  const audience: PageAudience =
    identity.kind === 'session'
      ? { kind: 'session', sessionId: identity.sessionId }
      : { kind: 'anonymous' };
  const pages = audience.kind === 'session' ? SIGNED_IN_PAGES : ANONYMOUS_PAGES;
  const kind = pages.find(([, pattern]) => pattern.test(url))?.[0];
  return kind ? { path: url, kind, audience } : null;
}
