import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { resolveOAuthUser } from '@/lib/accounts/oauth-account';
import { signInSchema } from '@/lib/accounts/schemas';
import { verifyCredentials } from '@/lib/accounts/verify-credentials';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { currentClient } from '@/lib/observability/request-metrics';
import { SESSION_TTL_SECONDS } from '@/lib/sessions/cache';
import { sessionCookie, sessionCookieOptions } from '@/lib/sessions/cookie';
import { createSession, readSession } from '@/lib/sessions/session-store';
import { redeemSignInTicket } from '@/lib/sessions/sign-in-ticket';

type Provider = NextAuthConfig['providers'][number];

/** Sign-in providers: password always; GitHub and Google when their variables are set. */
function providers(): Provider[] {
  const config = env();
  const list: Provider[] = [
    Credentials({
      id: 'credentials',
      credentials: {
        identifier: { label: 'Email or username' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data.identifier, parsed.data.password);
        return user ? { id: user.id, name: user.username, email: user.email } : null;
      },
    }),
    // One-time tickets issued right after an e-mail confirmation (lib/sessions/sign-in-ticket).
    Credentials({
      id: 'ticket',
      credentials: { ticket: {} },
      async authorize(raw) {
        const ticket = typeof raw?.ticket === 'string' ? raw.ticket : '';
        const userId = await redeemSignInTicket(ticket);
        return userId ? { id: userId } : null;
      },
    }),
  ];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: config.AUTH_GITHUB_ID, clientSecret: config.AUTH_GITHUB_SECRET }));
  }
  if (config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: config.AUTH_GOOGLE_ID, clientSecret: config.AUTH_GOOGLE_SECRET }));
  }
  return list;
}

export function oauthProviders(): { id: string; name: string }[] {
  const config = env();
  return [
    ...(config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET
      ? [{ id: 'github', name: 'GitHub' }]
      : []),
    ...(config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET
      ? [{ id: 'google', name: 'Google' }]
      : []),
  ];
}

/**
 * Auth.js v5 signs people in (password, GitHub, Google). Sessions are ours: Auth.js's token
 * encoder is replaced so that the cookie carries only an opaque random session id whose record
 * lives in Redis (lib/sessions). Each sign-in creates a fresh id.
 */
export const { handlers, signIn } = NextAuth(() => {
  const config = env();
  const cookie = sessionCookie();
  return {
    secret: config.AUTH_SECRET,
    trustHost: true,
    basePath: '/api/auth',
    useSecureCookies: cookie.secure,
    session: { strategy: 'jwt', maxAge: SESSION_TTL_SECONDS },
    cookies: {
      sessionToken: { name: cookie.name, options: sessionCookieOptions(SESSION_TTL_SECONDS) },
    },
    pages: { signIn: '/signin', error: '/signin' },
    // A wrong password is an expected outcome, not an error worth a stack trace.
    logger: {
      error(error) {
        if (error.name === 'CredentialsSignin') return;
        logger().error({ err: error.message, name: error.name }, 'auth error');
      },
      warn(code) {
        logger().warn({ code }, 'auth warning');
      },
      debug() {},
    },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.type === 'credentials') return true;
        const userId = await resolveOAuthUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email,
          emailVerified: account.provider === 'google' ? profile?.email_verified === true : false,
          preferredUsername: typeof profile?.login === 'string' ? profile.login : undefined,
          name: user.name,
        });
        if (!userId) return '/signin?error=OAuthAccountNotLinked';
        user.id = userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
    },
    jwt: {
      async encode({ token }) {
        if (typeof token?.sid === 'string') return token.sid;
        if (!token?.sub) throw new Error('no user to start a session for');
        return (await createSession(token.sub, currentClient())).id;
      },
      async decode({ token }) {
        if (!token) return null;
        const session = await readSession(token);
        return session ? { sub: session.userId, sid: session.id } : null;
      },
    },
  } satisfies NextAuthConfig;
});
