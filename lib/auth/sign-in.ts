import 'server-only';
import { AuthError, CredentialsSignin } from 'next-auth';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { describeWait } from '@/lib/rate-limit/rate-limit';
import { isRedisUnavailable } from '@/lib/redis';
import { fail, ok, type Failure, type Result } from '@/lib/validation/result';
import { signIn } from './auth';
import { SignInInputInvalid, SignInRateLimited } from './sign-in-refused';

/** The one message for every wrong email, username or password: it never says which. */
export const SIGN_IN_FAILED = 'That email or username and password do not match an account.';

export type PasswordSignIn =
  | { status: 'signed-in' }
  | { status: 'invalid'; failure: Failure }
  | { status: 'wrong' }
  | { status: 'limited'; retryAfterSeconds: number };

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
 * Checks an email-or-username and password and starts a session, through Auth.js's credentials
 * provider: its authorize (auth.ts) is the one sign-in gate, which parses the input, counts the
 * limits and checks the password (authenticate-password.ts), and our token encoder then starts a
 * fresh Redis session and sets its cookie. Throws RedisUnavailableError when nothing can be
 * checked or stored.
 */
export async function startPasswordSession(
  identifier: string,
  password: string,
): Promise<PasswordSignIn> {
  try {
    await signIn('credentials', { identifier, password, redirect: false });
    return { status: 'signed-in' };
  } catch (error) {
    if (error instanceof SignInInputInvalid) return { status: 'invalid', failure: error.failure };
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

/**
 * A field of the request body as Auth.js receives it, a form field: anything but a string is no
 * answer, which the gate's schema then refuses with the field's own message.
 */
function formField(input: unknown, name: string): string {
  const value = typeof input === 'object' && input !== null ? Reflect.get(input, name) : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * Sign-in with a password ({ identifier, password, callbackUrl? }): a fresh session and where to go
 * next, or one generic message. The input is parsed once, by the gate (startPasswordSession).
 */
export async function signInWithPassword(input: unknown): Promise<Result<{ redirectTo: string }>> {
  const outcome = await startPasswordSession(
    formField(input, 'identifier'),
    formField(input, 'password'),
  );
  if (outcome.status === 'invalid') return outcome.failure;
  if (outcome.status === 'limited') {
    const wait = outcome.retryAfterSeconds;
    return fail(
      'rate-limited',
      `Too many sign-in attempts. Please wait ${describeWait(wait)} and try again.`,
      {
        retryAfterSeconds: wait,
      },
    );
  }
  if (outcome.status === 'wrong') return fail('unauthorized', SIGN_IN_FAILED);
  const callbackUrl = (input as { callbackUrl?: unknown }).callbackUrl;
  return ok({ redirectTo: safeRedirectPath(callbackUrl) });
}
