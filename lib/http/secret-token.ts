import { timingSafeEqual } from 'node:crypto';

/** Whether `presented` is the configured secret (constant time); never when none is configured. */
export function presentsSecret(presented: string | null, secret: string | undefined): boolean {
  if (!secret || presented === null || presented.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(secret));
}
