/**
 * The one check for every place that sends a person on after an action (sign-in page and route,
 * sign-up confirmation, GitHub and Google sign-in through Auth.js's `redirect` callback).
 *
 * The value is parsed the way a browser parses a Location header (WHATWG URL: tabs and newlines
 * dropped, backslashes read as slashes, `..` resolved) against a fixed base, and only a result on
 * that same origin whose path starts with exactly one `/` is accepted. What comes back is the
 * parser's own serialisation (path, query, fragment), never the input, so what was checked is what
 * the browser follows.
 */
const CHECK_ORIGIN = 'https://inkwell.invalid';

/** Longer targets are refused rather than cut (a cut could land anywhere). */
export const MAX_REDIRECT_LENGTH = 2048;

export function safeRedirectPath(value: unknown, fallback = '/', ownOrigin?: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REDIRECT_LENGTH) {
    return fallback;
  }
  const base = ownOrigin ? originOf(ownOrigin) : CHECK_ORIGIN;
  if (!base) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    return fallback;
  }
  if (parsed.origin !== base || parsed.username || parsed.password) return fallback;
  const path = parsed.pathname;
  // "//host" (and "/\host", which the parser already made "//host") would leave this site.
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  const target = `${path}${parsed.search}${parsed.hash}`;
  return target.length > MAX_REDIRECT_LENGTH ? fallback : target;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
