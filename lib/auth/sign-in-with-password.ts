import 'server-only';
import { AuthError, CredentialsSignin } from 'next-auth';
import { isRedisUnavailable } from '@/lib/redis';
import { signIn } from './auth';
import { SignInRateLimited } from './sign-in-refused';

/** Auth.js wraps errors thrown in our callbacks; an outage must still be told apart. */
function causeOf(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (isRedisUnavailable(current)) return current;
    const cause = (current as { cause?: unknown }).cause;
    current =
      cause && typeof cause === 'object' && 'err' in cause
        ? (cause as { err: unknown }).err
        : cause;
  }
  return current;
}

export type PasswordSignIn =
  { status: 'signed-in' } | { status: 'wrong' } | { status: 'limited'; retryAfterSeconds: number };

/**
 * Signs in through Auth.js's credentials provider, whose authorize is the one sign-in gate
 * (lib/auth/authenticate-password.ts: limits, then the password) and, through our token encoder,
 * starts a fresh Redis session and sets its cookie. Throws RedisUnavailableError when nothing can
 * be checked or stored.
 */
export async function signInWithPassword(
  identifier: string,
  password: string,
): Promise<PasswordSignIn> {
  try {
    await signIn('credentials', { identifier, password, redirect: false });
    return { status: 'signed-in' };
  } catch (error) {
    if (error instanceof SignInRateLimited) {
      return { status: 'limited', retryAfterSeconds: error.retryAfterSeconds };
    }
    if (error instanceof CredentialsSignin) return { status: 'wrong' };
    const cause = causeOf(error);
    if (isRedisUnavailable(cause)) throw cause;
    if (error instanceof AuthError && error.type === 'CredentialsSignin')
      return { status: 'wrong' };
    throw error;
  }
}
