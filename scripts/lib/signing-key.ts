import { randomBytes } from 'node:crypto';

/**
 * INNGEST_SIGNING_KEY for the app servers our scripts start: /api/inngest verifies every call
 * with it, and in production the app refuses to start without one. Shaped like Inngest's keys
 * (the SDK drops the `signkey-<env>-` prefix before using it).
 */
export function randomSigningKey(): string {
  return `signkey-local-${randomBytes(32).toString('hex')}`;
}

/** This run's key, made once per process: every instance a run starts (clones too) shares it. */
export function runSigningKey(): string {
  process.env.INNGEST_SIGNING_KEY ??= randomSigningKey();
  return process.env.INNGEST_SIGNING_KEY;
}
