import { randomBytes } from 'node:crypto';
import type { KeptMail } from '../../lib/mail/mailbox';

/*
 * Reads the app's mailbox (GET /api/mailbox, mail kept while no SMTP server is configured) the way
 * a person reads their inbox: tests and scripts use it to follow a sign-up's confirmation link.
 */

/** This process's mailbox token, made once: given to the app servers it starts, used to read. */
export function mailboxToken(): string {
  process.env.MAILBOX_TOKEN ??= randomBytes(33).toString('base64url');
  return process.env.MAILBOX_TOKEN;
}

export async function readMailbox(baseUrl: string, address: string): Promise<KeptMail[]> {
  const token = mailboxToken();
  const response = await fetch(`${baseUrl}/api/mailbox?to=${encodeURIComponent(address)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`mailbox: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { messages: KeptMail[] }).messages;
}

/** Waits for a message to `address` whose subject matches (the mail job runs after the request). */
export async function waitForMail(
  baseUrl: string,
  address: string,
  subject: RegExp,
  timeoutMs = 10_000,
): Promise<KeptMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox(baseUrl, address)).find((mail) => subject.test(mail.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail "${subject.source}" to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The sign-up token in the newest confirmation e-mail to `address`. */
export async function signUpTokenFor(baseUrl: string, address: string): Promise<string> {
  const mail = await waitForMail(baseUrl, address, /^Confirm your Inkwell account$/);
  const token = /\/signup\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no confirmation link in: ${mail.text}`);
  return token;
}
