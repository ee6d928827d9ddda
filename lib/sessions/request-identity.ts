import { BEARER_TOKEN } from '@/lib/util/bearer-token';

/**
 * Who a request says it is, read from its raw Cookie header. The page cache and every render
 * ask this one function, so they can never disagree: a cookie header they might read differently
 * (the session cookie repeated, empty, or not shaped like a session id) is `ambiguous`, which
 * renders as signed out and is never served from or kept in the page cache.
 */
export type RequestIdentity =
  | { kind: 'anonymous' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'ambiguous'; reason: string };

export function identifyRequest(
  cookieHeader: string | readonly string[] | null | undefined,
  sessionCookieName: string,
): RequestIdentity {
  const header: string = Array.isArray(cookieHeader)
    ? cookieHeader.join('; ')
    : ((cookieHeader as string | null | undefined) ?? '');
  const values: string[] = [];
  let variant = false;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    const name = (separator < 0 ? part : part.slice(0, separator)).trim();
    if (name === sessionCookieName)
      values.push(separator < 0 ? '' : part.slice(separator + 1).trim());
    // Parsers differ on case: another spelling of the name may be read as the cookie elsewhere.
    else if (name.toLowerCase() === sessionCookieName.toLowerCase()) variant = true;
  }
  if (variant) return { kind: 'ambiguous', reason: 'session cookie name misspelt' };
  if (values.length === 0) return { kind: 'anonymous' };
  if (values.length > 1) return { kind: 'ambiguous', reason: 'session cookie repeated' };
  const [value = ''] = values;
  if (!BEARER_TOKEN.test(value)) return { kind: 'ambiguous', reason: 'session cookie malformed' };
  return { kind: 'session', sessionId: value };
}
