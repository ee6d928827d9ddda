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
