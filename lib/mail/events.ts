import { eventType } from 'inngest';
import { z } from 'zod';
import { declareSealedEvent, sealSchema } from '@/lib/jobs/sealed-events';

export const mailMessageSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
});

export type MailMessage = z.infer<typeof mailMessageSchema>;

/**
 * The mail job sends to any address, so it sends only messages this app wrote: every `mail/send`
 * event is sealed as the app sends it (lib/jobs/sealed-events.ts), over its id, recipient,
 * subject and text. Declared here, with the event, so whatever creates one has declared it.
 */
export const mailEvent = declareSealedEvent({
  name: 'mail/send',
  fields: ['to', 'subject', 'text'],
  idPrefix: 'mail',
  purpose: 'inkwell mail seal v1',
});

/**
 * One e-mail to deliver; the event id names the message, so a retry never sends it twice. The
 * seal is optional here (it is added on sending) and required by the mail job.
 */
export const mailRequested = eventType(mailEvent.name, {
  schema: mailMessageSchema.extend(sealSchema.partial().shape),
});
