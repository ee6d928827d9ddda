import 'server-only';
import { AuthError, CredentialsSignin } from 'next-auth';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { describeWait } from '@/lib/rate-limit/rate-limit';
import { isRedisUnavailable } from '@/lib/redis';
import { fail, ok, type Failure, type Result } from '@/lib/validation/result';
import { signIn } from './auth';
import {
  PasskeyChallengeGone,
  SecondStepGone,
  SecondStepRequired,
  SignInInputInvalid,
  SignInRateLimited,
  SignInSuspended,
  SignInUnconfirmed,
} from './sign-in-refused';
import { suspendedMessage } from '@/lib/users/suspension';

/** The one message for every wrong email, username or password: it never says which. */
export const SIGN_IN_FAILED = 'That email or username and password do not match an account.';

/** Said only to someone who gave the right password of a sign-up not confirmed yet. */
export const SIGN_IN_UNCONFIRMED =
  'Your email address is not confirmed yet. Follow the link in the email we sent you to finish creating your account, or get a new link.';

export type SignInOutcome =
  | { status: 'signed-in' }
  | { status: 'invalid'; failure: Failure }
  | { status: 'wrong' }
  /** The password of a sign-up whose e-mail address is not confirmed yet. */
  | { status: 'unconfirmed' }
  | { status: 'limited'; retryAfterSeconds: number }
  /** Password right; the account requires a passkey or a recovery code next. */
  | { status: 'second-step' }
  /** No pending sign-in for a second step: it timed out or was used up. */
  | { status: 'second-step-gone' }
  /** A passkey answered a challenge we no longer hold. */
  | { status: 'challenge-gone' }
  /** The answer was right; a moderator suspended the account until then. */
  | { status: 'suspended'; until: Date };

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
 * Starts a session through one of Auth.js's credentials providers (password, passkey, second
 * step): its authorize (auth.ts and the providers beside it) is the gate, which parses the input,
 * counts the limits and checks the answer, and our token encoder then starts a fresh Redis
 * session and sets its cookie. Throws RedisUnavailableError when nothing can be checked or stored.
 */
export async function startSession(
  provider: 'credentials' | 'passkey' | 'second-step',
  fields: Record<string, string>,
): Promise<SignInOutcome> {
  try {
    await signIn(provider, { ...fields, redirect: false });
    return { status: 'signed-in' };
  } catch (error) {
    if (error instanceof SignInInputInvalid) return { status: 'invalid', failure: error.failure };
    if (error instanceof SignInRateLimited) {
      return { status: 'limited', retryAfterSeconds: error.retryAfterSeconds };
    }
    if (error instanceof SecondStepRequired) return { status: 'second-step' };
    if (error instanceof SignInUnconfirmed) return { status: 'unconfirmed' };
    if (error instanceof SignInSuspended) return { status: 'suspended', until: error.until };
    if (error instanceof SecondStepGone) return { status: 'second-step-gone' };
    if (error instanceof PasskeyChallengeGone) return { status: 'challenge-gone' };
    if (error instanceof CredentialsSignin) return { status: 'wrong' };
    const cause = causeOf(error);
    if (isRedisUnavailable(cause)) throw cause;
    if (error instanceof AuthError && error.type === 'CredentialsSignin')
      return { status: 'wrong' };
    throw error;
  }
}

/** A password sign-in through the one gate (the sign-up confirmation enters here too). */
export function startPasswordSession(identifier: string, password: string): Promise<SignInOutcome> {
  return startSession('credentials', { identifier, password });
}

/** The failure a refused attempt answers with (rate limits say how long to wait). */
export function limitedFailure(retryAfterSeconds: number): Failure {
  return fail(
    'rate-limited',
    `Too many sign-in attempts. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
    { retryAfterSeconds },
  );
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
export async function signInWithPassword(
  input: unknown,
): Promise<Result<{ redirectTo: string; secondStep: boolean }>> {
  const outcome = await startPasswordSession(
    formField(input, 'identifier'),
    formField(input, 'password'),
  );
  if (outcome.status === 'invalid') return outcome.failure;
  if (outcome.status === 'limited') return limitedFailure(outcome.retryAfterSeconds);
  const callbackUrl = (input as { callbackUrl?: unknown }).callbackUrl;
  const destination = safeRedirectPath(callbackUrl);
  if (outcome.status === 'second-step')
    return ok({
      redirectTo: `/signin/second-step?callbackUrl=${encodeURIComponent(destination)}`,
      secondStep: true,
    });
  if (outcome.status === 'unconfirmed') return fail('forbidden', SIGN_IN_UNCONFIRMED);
  if (outcome.status === 'suspended') return fail('forbidden', suspendedMessage(outcome.until));
  if (outcome.status !== 'signed-in') return fail('unauthorized', SIGN_IN_FAILED);
  return ok({ redirectTo: destination, secondStep: false });
}
