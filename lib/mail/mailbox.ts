import { durableRedis } from '@/lib/redis';
import type { MailMessage } from './events';

/**
 * Where mail goes while no SMTP server is configured (the demo, the tests): a hash per address
 * in Redis, one field per message id (so a retried delivery keeps one copy), kept a day. Read
 * through GET /api/mailbox, which needs MAILBOX_TOKEN.
 */
const MAILBOX_TTL_SECONDS = 24 * 60 * 60;

export interface KeptMail extends MailMessage {
  id: string;
  at: number;
}

function mailboxKey(address: string): string {
  return `{mailbox:${address.toLowerCase()}}:messages`;
}

export async function keepInMailbox(id: string, message: MailMessage): Promise<void> {
  const store = durableRedis();
  const key = mailboxKey(message.to);
  const kept: KeptMail = { ...message, id, at: Date.now() };
  await store.all([
    store.cmd.hset(key, { [id]: JSON.stringify(kept) }),
    store.cmd.expire(key, MAILBOX_TTL_SECONDS),
  ]);
}

/** The messages kept for `address`, newest first. */
export async function readMailbox(address: string): Promise<KeptMail[]> {
  const store = durableRedis();
  const fields = await store.one(store.cmd.hgetall(mailboxKey(address)));
  return Object.values(fields)
    .map((raw) => JSON.parse(raw) as KeptMail)
    .sort((a, b) => b.at - a.at);
}
