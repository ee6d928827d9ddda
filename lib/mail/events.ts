import { eventType } from 'inngest';
import { z } from 'zod';

export const mailMessageSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
});

export type MailMessage = z.infer<typeof mailMessageSchema>;

/** One e-mail to deliver; the event id names the message, so a retry never sends it twice. */
export const mailRequested = eventType('mail/send', { schema: mailMessageSchema });
