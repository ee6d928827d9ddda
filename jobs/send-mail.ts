import { inngest } from '@/lib/jobs/client';
import { deliverMail } from '@/lib/mail/deliver-mail';
import { mailRequested } from '@/lib/mail/events';

/** Delivers one e-mail (SMTP, or the mailbox without it); retried with backoff if the server fails. */
export const sendMail = inngest.createFunction(
  { id: 'send-mail', retries: 6, triggers: [mailRequested] },
  async ({ event, step }) => {
    const via = await step.run('deliver', () =>
      deliverMail(event.id ?? `${event.ts}:${event.data.to}`, event.data),
    );
    return { via };
  },
);
