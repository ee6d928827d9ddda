import 'server-only';
import { z } from 'zod';
import { CHALLENGE_GONE } from '@/lib/passkeys/add-passkey';
import { authenticationResponseSchema } from '@/lib/passkeys/credential-schemas';
import { SECOND_STEP_GONE } from '@/lib/passkeys/start-second-step-passkey';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { fail, failFields, ok, parseInput, type Result } from '@/lib/validation/result';
import { suspendedMessage } from '@/lib/users/suspension';
import { limitedFailure, startSession } from './sign-in';

export const WRONG_RECOVERY_CODE = 'That is not one of your unused recovery codes.';
const WRONG_PASSKEY = 'That passkey is not one of yours. Use a passkey you added to this account.';

/** Either a passkey's answer or a recovery code (parsed again, fully, by the provider). */
export const secondStepSchema = z.union([
  z.object({
    response: authenticationResponseSchema,
    callbackUrl: z.string().max(2_000).optional(),
  }),
  z.object({
    recoveryCode: z.string({ error: 'Enter one of your recovery codes.' }).max(40),
    callbackUrl: z.string().max(2_000).optional(),
  }),
]);

/**
 * The second step of a two-step sign-in ({ response } or { recoveryCode }, and callbackUrl?):
 * through Auth.js's `second-step` provider (lib/auth/second-step-provider.ts), which finds the
 * pending sign-in from the browser's ticket cookie and starts the session.
 */
export async function completeSecondStep(input: unknown): Promise<Result<{ redirectTo: string }>> {
  const parsed = parseInput(secondStepSchema, input);
  if (!parsed.ok) {
    const answeredWithPasskey = typeof input === 'object' && input !== null && 'response' in input;
    return answeredWithPasskey
      ? fail('invalid', 'That was not a passkey answer we can read. Please try again.')
      : failFields({ recoveryCode: 'Enter one of your recovery codes.' });
  }
  const byCode = 'recoveryCode' in parsed.value;
  const outcome = await startSession(
    'second-step',
    'recoveryCode' in parsed.value
      ? { recoveryCode: parsed.value.recoveryCode }
      : { response: JSON.stringify(parsed.value.response) },
  );
  if (outcome.status === 'invalid') return outcome.failure;
  if (outcome.status === 'limited') return limitedFailure(outcome.retryAfterSeconds);
  if (outcome.status === 'second-step-gone') return fail('gone', SECOND_STEP_GONE);
  if (outcome.status === 'challenge-gone') return fail('gone', CHALLENGE_GONE);
  if (outcome.status === 'suspended') return fail('forbidden', suspendedMessage(outcome.until));
  if (outcome.status !== 'signed-in')
    return byCode
      ? failFields({ recoveryCode: WRONG_RECOVERY_CODE }, 'unauthorized')
      : fail('unauthorized', WRONG_PASSKEY);
  return ok({ redirectTo: safeRedirectPath(parsed.value.callbackUrl) });
}
