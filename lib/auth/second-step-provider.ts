import 'server-only';
import { cookies } from 'next/headers';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import {
  countWrongAnswer,
  finishPendingSignIn,
  pendingSignInCookieName,
  readPendingSignIn,
} from '@/lib/passkeys/pending-sign-in';
import { recoveryCodeSchema } from '@/lib/passkeys/schemas';
import { spendRecoveryCode } from '@/lib/passkeys/spend-recovery-code';
import { verifyPasskey } from '@/lib/passkeys/verify-passkey';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { parseInput } from '@/lib/validation/result';
import { setKnownDeviceCookie } from './device-cookie';
import { parsePasskeyField } from './passkey-provider';
import {
  PasskeyChallengeGone,
  SecondStepGone,
  SignInInputInvalid,
  SignInRateLimited,
} from './sign-in-refused';

type Pending = NonNullable<Awaited<ReturnType<typeof readPendingSignIn>>>;

/** Checks the answer given (a passkey of the pending person, or one of their recovery codes). */
async function checkAnswer(raw: Partial<Record<string, unknown>>, pending: Pending) {
  if (typeof raw.recoveryCode === 'string') {
    const code = parseInput(z.object({ recoveryCode: recoveryCodeSchema }), raw);
    if (!code.ok) throw new SignInInputInvalid(code);
    return spendRecoveryCode(pending.userId, code.value.recoveryCode);
  }
  const answer = parsePasskeyField(raw);
  if (!answer.ok) throw new SignInInputInvalid(answer);
  const check = await verifyPasskey(
    answer.value,
    { purpose: 'second-step', ticketDigest: pending.ticketDigest },
    pending.userId,
  );
  if (check.status === 'challenge-gone') throw new PasskeyChallengeGone();
  return check.status === 'verified';
}

/**
 * The second step of a two-step sign-in: the browser's ticket cookie names a pending sign-in
 * (password already right); a passkey of that same person, or one unused recovery code, ends it
 * in a session. Wrong answers are counted per pending sign-in (five, then the password again)
 * and per account.
 */
export function secondStepProvider() {
  return Credentials({
    id: 'second-step',
    credentials: { response: {}, recoveryCode: {} },
    async authorize(raw) {
      const jar = await cookies();
      const pending = await readPendingSignIn(jar.get(pendingSignInCookieName())?.value);
      if (!pending) throw new SecondStepGone();
      const budget = await hitRateLimit(RATE_LIMITS.secondStepPerAccount, pending.userId);
      if (!budget.allowed) throw new SignInRateLimited(budget.retryAfterSeconds);
      if (!(await checkAnswer(raw, pending))) {
        await countWrongAnswer(pending);
        return null;
      }
      // One answer wins: two racing for one pending sign-in never make two sessions.
      if (!(await finishPendingSignIn(pending))) throw new SecondStepGone();
      jar.delete(pendingSignInCookieName());
      await setKnownDeviceCookie(pending.deviceToken);
      return { id: pending.userId };
    },
  });
}
