import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyLimitFor, tooLargeMessage } from '@/lib/http/body-limits';
import { checkRequestPath } from '@/lib/http/canonical-url';

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function answer(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): true {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(`${message}\n`);
  return true;
}

/**
 * Refuses what no route should ever read, before Next or the page cache do: unknown methods
 * (405), undecodable paths (400), non-canonical spellings of a page (308 to the canonical one),
 * bodies over the route's limit (413, without reading them) and bodies of unknown length (411).
 * True when it answered.
 */
export function refuseBadRequest(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  jobsOverNetwork: boolean,
): boolean {
  const method = request.method ?? 'GET';
  if (!ALLOWED_METHODS.includes(method))
    return answer(response, 405, 'Method not allowed.', { Allow: ALLOWED_METHODS.join(', ') });
  const verdict = checkRequestPath(request.url ?? '/', method);
  if (verdict.kind === 'malformed') return answer(response, 400, 'That address is not valid.');
  if (verdict.kind === 'redirect')
    return answer(response, 308, 'Moved permanently.', { Location: verdict.location });
  const length = request.headers['content-length'];
  if (length === undefined) {
    // Only Content-Length lets a body be refused before it is read; browsers always send it.
    if (request.headers['transfer-encoding'] !== undefined)
      return answer(response, 411, 'Send the request with a Content-Length.', {
        Connection: 'close',
      });
    return false;
  }
  if (Number(length) > bodyLimitFor(path, { jobsOverNetwork })) {
    // The body stays unread: close the connection instead of draining it.
    response.shouldKeepAlive = false;
    const message = tooLargeMessage(path);
    // The API's callers read a failure as JSON (lib/api/client.ts): they show its message.
    if (path.startsWith('/api/'))
      return answer(
        response,
        413,
        JSON.stringify({ ok: false, code: 'too-large', formError: message }),
        {
          'Content-Type': 'application/json',
          Connection: 'close',
        },
      );
    return answer(response, 413, message, { Connection: 'close' });
  }
  return false;
}
