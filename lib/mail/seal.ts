import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Middleware } from 'inngest';
import { env } from '@/lib/config/env';
import { canonicalJson } from '@/lib/jobs/signing';
import type { MailMessage } from './events';

/**
 * The mail job sends only messages this app wrote. Every `mail/send` event the app sends carries
 * a seal: an HMAC of its id, recipient, subject, text and sealing time, keyed from AUTH_SECRET
 * (never known to Inngest or to anyone holding an Inngest event key). The job refuses an event
 * without a valid, recent seal, so a forged event sends nothing to anyone.
 */
export const MAIL_EVENT = 'mail/send';

/** Long enough for every retry of the mail job; a replay after that is refused. */
export const SEAL_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

function sealKey(): Buffer {
  return createHmac('sha256', env().AUTH_SECRET).update('inkwell mail seal v1').digest();
}

export function mailSeal(id: string, message: MailMessage, sealedAt: number): string {
  const { to, subject, text } = message;
  return createHmac('sha256', sealKey())
    .update(canonicalJson({ id, to, subject, text, sealedAt }))
    .digest('hex');
}

export type SealCheck = { ok: true } | { ok: false; reason: string };

export function checkMailSeal(
  id: string | undefined,
  message: MailMessage,
  seal: string | undefined,
  sealedAt: number | undefined,
  now = Date.now(),
): SealCheck {
  if (!id || !seal || sealedAt === undefined)
    return { ok: false, reason: 'the message is not sealed' };
  const expected = Buffer.from(mailSeal(id, message, sealedAt), 'hex');
  const given = Buffer.from(seal, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'the seal does not match the message' };
  if (now - sealedAt > SEAL_LIFETIME_MS || sealedAt - now > 60_000)
    return { ok: false, reason: 'the seal is out of date' };
  return { ok: true };
}

/**
 * Seals each `mail/send` event as it is sent (`inngest.send` and `step.sendEvent` both pass
 * here), giving it an id first if it has none: the seal covers the id, which names the message.
 */
export class MailSealMiddleware extends Middleware.BaseMiddleware {
  readonly id = 'inkwell-mail-seal';

  override transformSendEvent(
    args: Middleware.TransformSendEventArgs,
  ): Middleware.TransformSendEventArgs {
    const sealedAt = Date.now();
    return {
      ...args,
      events: args.events.map((event) => {
        if (event.name !== MAIL_EVENT) return event;
        const id = event.id ?? `mail:${randomUUID()}`;
        const data = event.data as Record<string, unknown> & MailMessage;
        const message = { to: data.to, subject: data.subject, text: data.text };
        return { ...event, id, data: { ...data, sealedAt, seal: mailSeal(id, message, sealedAt) } };
      }),
    };
  }
}
