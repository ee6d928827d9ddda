import { checkSeal, sealOf, type SealCheck } from '@/lib/jobs/sealed-events';
import { mailEvent, type MailMessage } from './events';

/** A message's seal (lib/jobs/sealed-events.ts): the mail job sends only what carries one. */
export function mailSeal(id: string, message: MailMessage, sealedAt: number): string {
  return sealOf(mailEvent, id, message, sealedAt);
}

export function checkMailSeal(
  id: string | undefined,
  message: MailMessage,
  seal: string | undefined,
  sealedAt: number | undefined,
  now = Date.now(),
): SealCheck {
  return checkSeal(mailEvent, id, { ...message, seal, sealedAt }, now);
}
