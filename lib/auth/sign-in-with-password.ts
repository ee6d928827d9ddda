import 'server-only';
import { AuthError, CredentialsSignin } from 'next-auth';
import { isRedisUnavailable } from '@/lib/redis';
import { signIn } from './auth';

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

/**
 * Signs in through Auth.js's credentials provider, which checks the password and, through our
 * token encoder, starts a fresh Redis session and sets its cookie. False when the credentials
 * are wrong; throws RedisUnavailableError when no session can be stored.
 */
export function signInWithPassword(identifier: string, password: string): Promise<boolean> {
  return signInWithCredentials('credentials', { identifier, password });
}

/** Signs in with a one-time ticket (lib/sessions/sign-in-ticket), the same way. */
export function signInWithTicket(ticket: string): Promise<boolean> {
  return signInWithCredentials('ticket', { ticket });
}

async function signInWithCredentials(
  provider: 'credentials' | 'ticket',
  credentials: Record<string, string>,
): Promise<boolean> {
  try {
    await signIn(provider, { ...credentials, redirect: false });
    return true;
  } catch (error) {
    if (error instanceof CredentialsSignin) return false;
    const cause = causeOf(error);
    if (isRedisUnavailable(cause)) throw cause;
    if (error instanceof AuthError && error.type === 'CredentialsSignin') return false;
    throw error;
  }
}
