import { CredentialsSignin } from 'next-auth';
import type { Failure } from '@/lib/validation/result';

/**
 * Thrown from Credentials.authorize when the attempt is over a sign-in limit: Auth.js then creates
 * no session (its own callback route redirects to /signin?error=CredentialsSignin&code=rate_limited)
 * and, called from our route, hands this very error back so it becomes a 429 with Retry-After.
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = 'rate_limited';

  constructor(readonly retryAfterSeconds: number) {
    super('too many sign-in attempts');
  }
}

/**
 * Thrown from Credentials.authorize when the input does not parse: no limit is counted and no
 * password checked. Auth.js's own callback route answers it like a wrong password; our route hands
 * back the failure, a message per field.
 */
export class SignInInputInvalid extends CredentialsSignin {
  constructor(readonly failure: Failure) {
    super('sign-in input is not valid');
  }
}

/**
 * Thrown from Credentials.authorize when the password was right but the account requires a second
 * step: no session is created; the half-signed-in state is held server-side and the browser gets
 * only its ticket cookie. Auth.js's own callback route redirects with code=second_step.
 */
export class SecondStepRequired extends CredentialsSignin {
  override code = 'second_step';

  constructor() {
    super('a second step is required');
  }
}

/** The pending sign-in is gone (timed out, answered, too many wrong answers): password again. */
export class SecondStepGone extends CredentialsSignin {
  override code = 'second_step_gone';

  constructor() {
    super('no pending sign-in');
  }
}

/** A passkey answered a challenge we no longer hold (expired, already used, never issued). */
export class PasskeyChallengeGone extends CredentialsSignin {
  override code = 'challenge_gone';

  constructor() {
    super('passkey challenge expired or used');
  }
}

/**
 * The password is the one of a sign-up whose e-mail address is not confirmed yet: no account
 * exists, so no session; only someone who knew the password is told (and offered a new link).
 */
export class SignInUnconfirmed extends CredentialsSignin {
  override code = 'unconfirmed';

  constructor() {
    super('email address not confirmed yet');
  }
}

/**
 * The answer was right but a moderator suspended the account: no session. Thrown from the sign-in
 * callback, after the provider's own check, so only someone who proved who they are is told.
 */
export class SignInSuspended extends CredentialsSignin {
  override code = 'suspended';

  constructor(readonly until: Date) {
    super('account suspended');
  }
}
