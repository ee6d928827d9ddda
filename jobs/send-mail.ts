import { inngest } from '@/lib/jobs/client';
import { logger } from '@/lib/log/logger';
import { deliverMail } from '@/lib/mail/deliver-mail';
import { sealSchema } from '@/lib/jobs/sealed-events';
import { mailMessageSchema, mailRequested } from '@/lib/mail/events';
import { checkMailSeal } from '@/lib/mail/seal';

const sealedMessage = mailMessageSchema.extend(sealSchema.shape);

/**
 * Delivers one e-mail (SMTP, or the mailbox without it); retried with backoff if the server fails.
 * Only a message the app sealed is sent: a forged event is refused without sending anything.
 */
export const sendMail = inngest.createFunction(
  { id: 'send-mail', retries: 6, triggers: [mailRequested] },
  async ({ event, step }) => {
    const refuse = (reason: string) => {
      // Not the message itself: it is whatever the sender wanted mailed.
      logger().warn({ eventId: event.id, reason }, 'mail event refused');
      return { refused: reason };
    };
    const parsed = sealedMessage.safeParse(event.data);
    if (!parsed.success || !event.id) return refuse('the message is not sealed');
    const { to, subject, text, seal, sealedAt } = parsed.data;
    const check = checkMailSeal(event.id, { to, subject, text }, seal, sealedAt);
    if (!check.ok) return refuse(check.reason);
    const id = event.id;
    const via = await step.run('deliver', () => deliverMail(id, { to, subject, text }));
    return { via };
  },
);
