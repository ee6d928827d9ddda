import 'server-only';
import { randomUUID } from 'node:crypto';
import { inngest } from '@/lib/jobs/client';
import { mailRequested, type MailMessage } from './events';

/**
 * Hands a message to the mail job. Unlike other events, a failure here is the caller's to report:
 * the person is waiting for this message.
 */
export async function queueMail(message: MailMessage): Promise<void> {
  await inngest.send(mailRequested.create(message, { id: `mail:${randomUUID()}` }));
}
