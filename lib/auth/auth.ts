import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import { cookies } from 'next/headers';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { env } from '@/lib/config/env';
import { addressForLimits } from '@/lib/request/client-address';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { logger } from '@/lib/log/logger';
import { currentClient } from '@/lib/request/context';
import { SESSION_TTL_SECONDS } from '@/lib/sessions/cache';
import { sessionCookie, sessionCookieOptions } from '@/lib/sessions/cookie';
import { createSession, endSessionById, readSession } from '@/lib/sessions/session-store';
import { parseInput } from '@/lib/validation/result';
import { authenticatePassword } from './authenticate-password';
import {
  holdSignIn,
  pendingSignInCookieName,
  pendingSignInCookieOptions,
} from '@/lib/passkeys/pending-sign-in';
import { requiresSecondStep } from '@/lib/passkeys/requires-second-step';
import { setKnownDeviceCookie } from './device-cookie';
import { knownDeviceFromCookieHeader } from './known-device';
import { passkeyProvider } from './passkey-provider';
import { secondStepProvider } from './second-step-provider';
import { resolveOAuthUser } from './oauth-account';
import { signInSchema } from './schemas';
import {
  SecondStepRequired,
  SignInInputInvalid,
  SignInRateLimited,
  SignInSuspended,
  SignInUnconfirmed,
} from './sign-in-refused';
import { suspendedUntil } from '@/lib/users/suspension';

type Provider = NextAuthConfig['providers'][number];

/** Sign-in providers: password, passkeys and the second step always; GitHub and Google when set. */
function providers(): Provider[] {
  const config = env();
  const list: Provider[] = [
    // Every password, from any route, is checked here and only here: limits, then the password.
    Credentials({
      id: 'credentials',
      credentials: {
        identifier: { label: 'Email or username' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(raw, request) {
        // The one place sign-in input is parsed, whichever route it came through.
        const parsed = parseInput(signInSchema, raw);
        if (!parsed.ok) throw new SignInInputInvalid(parsed);
        const outcome = await authenticatePassword(parsed.value, {
          ip: addressForLimits(currentClient().ip),
          device: knownDeviceFromCookieHeader(request.headers.get('cookie')),
        });
        if (outcome.status === 'limited') throw new SignInRateLimited(outcome.retryAfterSeconds);
        if (outcome.status === 'wrong') return null;
        if (outcome.status === 'unconfirmed') throw new SignInUnconfirmed();
        const { user } = outcome;
        if (await requiresSecondStep(user.id)) {
          // No session yet: the half-signed-in state stays server-side, the browser gets a ticket.
          const ticket = await holdSignIn(user.id, outcome.deviceToken);
          (await cookies()).set(pendingSignInCookieName(), ticket, pendingSignInCookieOptions());
          throw new SecondStepRequired();
        }
        await setKnownDeviceCookie(outcome.deviceToken);
        return { id: user.id, name: user.username, email: user.email };
      },
    }),
    passkeyProvider(),
    secondStepProvider(),
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
  // Auth.js takes the origin of its absolute URLs (OAuth redirect_uri, its redirects) from
  // AUTH_URL, else from the request: behind our server that is the listen address (0.0.0.0),
  // and a Host header is the client's to forge. Ours is APP_URL. Read before every request.
  // An empty AUTH_URL counts as unset for Auth.js, which would then trust the Host header.
  if (!process.env.AUTH_URL?.trim()) process.env.AUTH_URL = `${config.appUrl}/api/auth`;
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
        if (error instanceof CredentialsSignin || error.name === 'CredentialsSignin') return;
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
        if (!account || account.type === 'credentials') {
          // Every way in (password, passkey, second step) ends here: a suspension refuses it.
          const until = user.id ? await suspendedUntil(user.id) : null;
          if (until) throw new SignInSuspended(until);
          return true;
        }
        const userId = await resolveOAuthUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email,
          emailVerified: account.provider === 'google' ? profile?.email_verified === true : false,
          preferredUsername: typeof profile?.login === 'string' ? profile.login : undefined,
          name: user.name,
        });
        if (!userId) return '/signin?error=OAuthAccountNotLinked';
        if (await suspendedUntil(userId)) return '/signin?error=AccountSuspended';
        user.id = userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      // Every target Auth.js sends a person to (OAuth callbackUrl, redirectTo) is one of our paths.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, '/', baseUrl)}`;
      },
    },
    events: {
      // Auth.js's own sign-out (POST /api/auth/signout) clears the cookie; the session must end too.
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await endSessionById(sid);
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
