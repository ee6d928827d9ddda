import type { IncomingMessage, ServerResponse } from 'node:http';
import type { logger } from '@/lib/log/logger';
import { READER_STATE_PATH, serveReaderState } from '@/lib/reader/reader-state';
import {
  SEARCH_PATH,
  SUGGESTIONS_PATH,
  serveSearch,
  serveSuggestions,
} from '@/lib/search/serve-search';

/**
 * The GETs the server answers itself, before Next runs: asked often, each for its asker alone
 * and never kept (the reader state of every shared page, search and its suggestions at every
 * pause in typing). Null for any other request. A failure answers 503 with a sentence.
 */
export function answerBeforeNext(
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  log: ReturnType<typeof logger>,
): Promise<void> | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const served =
    path === READER_STATE_PATH
      ? serveReaderState(request, response)
      : path === SEARCH_PATH
        ? serveSearch(request, response)
        : path === SUGGESTIONS_PATH
          ? serveSuggestions(request, response)
          : null;
  return (
    served?.catch((error: unknown) => {
      log.error({ err: String(error), path }, 'answer before Next failed');
      if (!response.headersSent) {
        response.writeHead(503, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
      }
      response.end(
        JSON.stringify({ ok: false, code: 'unavailable', formError: 'Please try again.' }),
      );
    }) ?? null
  );
}
