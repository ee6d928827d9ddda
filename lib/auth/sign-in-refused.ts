import { CredentialsSignin } from 'next-auth';

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
