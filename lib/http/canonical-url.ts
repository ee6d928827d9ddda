/**
 * One spelling per page. Paths are compared and cached as written, so `/u/GRACE`, `/u/%67race`
 * and `/u/grace` would be three copies of one page (and a way to fill the page cache): every
 * other spelling is sent to the canonical one with a 308. A path whose percent escapes do not
 * decode is a bad request (400), before anything else reads it.
 */
export type PathVerdict =
  { kind: 'canonical' } | { kind: 'redirect'; location: string } | { kind: 'malformed' };

// RFC 3986 pchar without percent: these stand for themselves in a path segment.
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/** A decoded segment written the one way: pchars as themselves, everything else escaped (UTF-8). */
function encodeSegment(segment: string): string {
  let encoded = '';
  for (const char of segment) {
    encoded += PATH_CHAR.test(char)
      ? char
      : [...Buffer.from(char, 'utf8')]
          .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
  }
  return encoded;
}

/** Route segments whose value is case-insensitive: usernames, slugs and tags are lowercase. */
function canonicalSegments(segments: string[]): string[] {
  const [first, ...rest] = segments;
  if (first === 'u' && rest.length >= 1) {
    const [username = '', slug, ...more] = rest;
    const lowered = slug === undefined ? [] : [slug === 'feed.xml' ? slug : slug.toLowerCase()];
    return [first, username.toLowerCase(), ...lowered, ...more];
  }
  if (first === 't' && rest.length === 1) return [first, (rest[0] ?? '').toLowerCase()];
  return segments;
}

export function checkRequestPath(url: string, method: string | undefined): PathVerdict {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  // `//host/…` is no path of ours, and sent back as a Location it would leave the site.
  if (!path.startsWith('/') || path.startsWith('//')) return { kind: 'malformed' };
  const query = queryAt < 0 ? '' : url.slice(queryAt);
  let decoded: string[];
  try {
    decoded = path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'malformed' };
  }
  // Next's own files and the API are addressed by code, not by people: decoding is all they need.
  if (path.startsWith('/_next/') || path.startsWith('/api/')) return { kind: 'canonical' };
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'canonical' };
  const [root = '', ...segments] = decoded;
  const canonical = [root, ...canonicalSegments(segments)].map(encodeSegment).join('/');
  return canonical === path
    ? { kind: 'canonical' }
    : { kind: 'redirect', location: canonical + query };
}
