import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to a person to present later (a session cookie, a sign-up link, a sign-in
 * ticket): 256 random bits, base64url.
 */
export function newBearerToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The shape of a bearer token: anything else is refused before a lookup. */
export const BEARER_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A token's SHA-256 (base64url): stored or shown in its place, it reveals nothing of it. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
