import { env } from '@/lib/config/env';

/** Over https the cookie is Secure and `__Host-` prefixed (no Domain, Path=/): only this host sees it. */
export function sessionCookie(): { name: string; secure: boolean } {
  const secure = env().appUrl.startsWith('https://');
  return { name: secure ? '__Host-inkwell.session' : 'inkwell.session', secure };
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  const { secure } = sessionCookie();
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: maxAgeSeconds };
}
