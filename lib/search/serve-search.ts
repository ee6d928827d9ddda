import type { IncomingMessage, ServerResponse } from 'node:http';
import { recogniseViewer } from '@/lib/auth/recognise-viewer';
import { httpStatusOf } from '@/lib/http/failure-status';
import { sessionCookie } from '@/lib/sessions/cookie';
import type { Result } from '@/lib/validation/result';
import { search } from './search';
import { limitSearches } from './search-limits';
import { suggest } from './suggest';

export const SEARCH_PATH = '/api/search';
export const SUGGESTIONS_PATH = '/api/search/suggestions';

/** Who asks: a session that cannot be read searches as nobody (it only ever sees less). */
async function askingViewer(request: IncomingMessage): Promise<string | null> {
  const viewer = await recogniseViewer(request.headers.cookie, sessionCookie().name);
  return viewer.status === 'signed-in' ? viewer.user.id : null;
}

function answer(request: IncomingMessage, response: ServerResponse, result: Result<object>) {
  const body = JSON.stringify(result.ok ? { ok: true, ...result.value } : result);
  response.writeHead(result.ok ? 200 : httpStatusOf(result.code), {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // Results depend on who asks (friends-only articles): nobody may keep them for another.
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    ...(!result.ok && result.retryAfterSeconds
      ? { 'retry-after': String(result.retryAfterSeconds) }
      : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function queryOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(new URL(request.url ?? '/', 'http://search').searchParams);
}

/**
 * GET /api/search?q=…&tag=…&author=…&from=…&to=…&page=…: results as the asker may see them.
 * Answered by the server before Next runs, as the reader state is: the header's suggestions ask
 * at every pause in typing, and a search costs a session read, one engine round trip and the
 * cached articles.
 */
export async function serveSearch(request: IncomingMessage, response: ServerResponse) {
  const viewerId = await askingViewer(request);
  const limited = await limitSearches('search', viewerId);
  answer(request, response, limited ?? (await search(viewerId, queryOf(request))));
}

/** GET /api/search/suggestions?q=…: the header's as-you-type suggestions, like serveSearch. */
export async function serveSuggestions(request: IncomingMessage, response: ServerResponse) {
  const viewerId = await askingViewer(request);
  const limited = await limitSearches('suggest', viewerId);
  answer(request, response, limited ?? (await suggest(viewerId, queryOf(request))));
}
