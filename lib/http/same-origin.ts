/**
 * CSRF defence for state-changing route handlers: the browser must say the request comes from
 * this site. Sec-Fetch-Site, when sent, must be same-origin; Origin must be present, not "null",
 * and name the host the request was sent to.
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
