import { eventType } from 'inngest';
import { z } from 'zod';

export const mailMessageSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
});

export type MailMessage = z.infer<typeof mailMessageSchema>;

/** What the app adds as it sends the event (lib/mail/seal.ts): proof that it wrote the message. */
export const mailSealSchema = z.object({
  seal: z.string().regex(/^[a-f0-9]{64}$/),
  sealedAt: z.number().int(),
});

/**
 * One e-mail to deliver; the event id names the message, so a retry never sends it twice. The
 * seal is optional here (it is added on sending) and required by the mail job.
 */
export const mailRequested = eventType('mail/send', {
  schema: mailMessageSchema.extend(mailSealSchema.partial().shape),
});
