import type { z } from 'zod';
import { durableRedis } from '@/lib/redis';
import { BEARER_TOKEN, newBearerToken } from '@/lib/util/bearer-token';

/** The shape of a link's token (256 random bits, base64url): anything else is refused unread. */
export const LINK_TOKEN = BEARER_TOKEN;

/**
 * A link mailed to a person that works once, until a deadline: what it stands for is kept on the
 * durable Redis under the hash of its token (the token itself is only in the e-mail). The
 * deadline is kept with the record, so the check does not depend on Redis expiring the key on
 * time (the key's own TTL only cleans up).
 */
export async function holdLink<T>(
  key: (token: string) => string,
  record: T,
  lifetimeSeconds: number,
  now = Date.now(),
): Promise<string> {
  const token = newBearerToken();
  const store = durableRedis();
  await store.one(
    store.cmd.set(key(token), JSON.stringify({ record, expiresAt: now + lifetimeSeconds * 1000 }), {
      ttlSeconds: lifetimeSeconds,
    }),
  );
  return token;
}

/** The record behind a live link, or null when it is malformed, unknown, used or expired. */
export async function readLink<S extends z.ZodType>(
  key: (token: string) => string,
  token: string,
  schema: S,
  now = Date.now(),
): Promise<z.infer<S> | null> {
  if (!LINK_TOKEN.test(token)) return null;
  const store = durableRedis();
  const raw = await store.one(store.cmd.get(key(token)));
  if (raw === null) return null;
  const held = JSON.parse(raw) as { record?: unknown; expiresAt?: unknown };
  if (typeof held.expiresAt !== 'number' || held.expiresAt <= now) return null;
  const parsed = schema.safeParse(held.record);
  return parsed.success ? parsed.data : null;
}

/**
 * Uses the link up: true for exactly one caller however many ask at once, on any instance
 * (GETDEL is atomic), so two submissions of one link never both act.
 */
export async function claimLink(key: (token: string) => string, token: string): Promise<boolean> {
  const store = durableRedis();
  return (await store.one(store.cmd.getdel(key(token)))) !== null;
}
