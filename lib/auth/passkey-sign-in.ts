import 'server-only';
import { z } from 'zod';
import { CHALLENGE_GONE } from '@/lib/passkeys/add-passkey';
import { passkeyAnswerSchema } from '@/lib/passkeys/schemas';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { suspendedMessage } from '@/lib/users/suspension';
import { limitedFailure, startSession } from './sign-in';

export const PASSKEY_SIGN_IN_FAILED =
  'That passkey did not sign you in. Use a passkey you added to your Inkwell account, or your password.';

export const passkeySignInSchema = passkeyAnswerSchema.extend({
  callbackUrl: z.string().max(2_000).optional(),
});

/**
 * Sign-in with a passkey ({ response, callbackUrl? }): the browser's answer to a sign-in challenge
 * we issued goes through Auth.js's `passkey` provider (lib/auth/passkey-provider.ts), which
 * starts a session exactly as a password does.
 */
export async function signInWithPasskey(input: unknown): Promise<Result<{ redirectTo: string }>> {
  const parsed = parseInput(passkeySignInSchema, input);
  if (!parsed.ok) return parsed;
  const outcome = await startSession('passkey', {
    response: JSON.stringify(parsed.value.response),
  });
  if (outcome.status === 'invalid') return outcome.failure;
  if (outcome.status === 'limited') return limitedFailure(outcome.retryAfterSeconds);
  if (outcome.status === 'challenge-gone') return fail('gone', CHALLENGE_GONE);
  if (outcome.status === 'suspended') return fail('forbidden', suspendedMessage(outcome.until));
  if (outcome.status !== 'signed-in') return fail('unauthorized', PASSKEY_SIGN_IN_FAILED);
  return ok({ redirectTo: safeRedirectPath(parsed.value.callbackUrl) });
}
