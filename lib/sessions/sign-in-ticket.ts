import { redis } from '@/lib/redis';
import { BEARER_TOKEN, newBearerToken, tokenDigest } from '@/lib/util/bearer-token';

/**
 * A one-time ticket that signs a person in through Auth.js without a password: issued right after
 * something proved who they are (following a sign-up confirmation link), redeemed at once by the
 * same request. Kept in Redis under its hash for a minute; taking it deletes it.
 */
const TICKET_TTL_SECONDS = 60;

function ticketKey(ticket: string): string {
  return `sign-in-ticket:${tokenDigest(ticket)}`;
}

export async function issueSignInTicket(userId: string): Promise<string> {
  const ticket = newBearerToken();
  const store = redis();
  await store.one(store.cmd.set(ticketKey(ticket), userId, { ttlSeconds: TICKET_TTL_SECONDS }));
  return ticket;
}

/** The user the ticket was issued for, once; null for an unknown, used or expired ticket. */
export async function redeemSignInTicket(ticket: string): Promise<string | null> {
  if (!BEARER_TOKEN.test(ticket)) return null;
  const store = redis();
  return store.one(store.cmd.getdel(ticketKey(ticket)));
}
